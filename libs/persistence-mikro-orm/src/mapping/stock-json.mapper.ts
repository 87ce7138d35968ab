import type { LevelSnapshot, StockDetails, StockFigures } from '@tally/inventory-domain';

/** Figures and details as stored in a `data` column. */
export interface StockData {
  readonly figures: StockFigures;
  readonly details: StockDetails;
}

// Domain values are immutable, so the JSON text of a figures object (with its details) can be
// remembered: a level loaded from the database and then written to the ledger's `before`, or a
// new level written both to its row and to the ledger's `after`, is serialized only once.
const texts = new WeakMap<object, { details: StockDetails; text: string }>();

/** The JSON text of `{ figures, details }`, serialized once per pair of objects. */
export function stockDataJson(figures: StockFigures, details: StockDetails): string {
  const hit = texts.get(figures);
  if (hit && hit.details === details) return hit.text;
  const text = JSON.stringify({ figures, details });
  texts.set(figures, { details, text });
  return text;
}

/** Parses a `data` column, remembering its text for {@link stockDataJson}. */
export function parseStockData(text: string): StockData {
  const data = JSON.parse(text) as StockData;
  texts.set(data.figures, { details: data.details, text });
  return data;
}

/** The JSON text of a ledger snapshot: `{ present, sourceTimestamp, data: { figures, details } }`. */
export function snapshotJson(snapshot: LevelSnapshot): string {
  return `{"present":${snapshot.present ? 'true' : 'false'},"sourceTimestamp":${JSON.stringify(snapshot.sourceTimestamp)},"data":${stockDataJson(snapshot.figures, snapshot.details)}}`;
}

/** Parses a ledger snapshot written by {@link snapshotJson}. */
export function parseSnapshot(text: string): LevelSnapshot {
  const raw = JSON.parse(text) as { present: boolean; sourceTimestamp: string | null; data: StockData };
  return { present: raw.present, figures: raw.data.figures, details: raw.data.details, sourceTimestamp: raw.sourceTimestamp };
}
