import { EMPTY_DETAILS, EMPTY_FIGURES, type LevelSnapshot, type StockDetails, type StockFigures } from '@tally/inventory-domain';

/** Figures and details as stored in a `data` column. */
export interface StockData {
  readonly figures: StockFigures;
  readonly details: StockDetails;
}

// Domain values are immutable, so the JSON text of a figures object (with its details) can be
// remembered: a level loaded from the database and then written to the ledger's `before`, or a
// new level written both to its row and to the ledger's `after`, is serialized only once.
const texts = new WeakMap<object, { details: StockDetails; text: string }>();

/**
 * The fields of `value` that differ from `defaults` (an empty list or map counts as the default).
 * Most levels use a few of the twenty fields, so the stored text is about a tenth of the full
 * object: less to write, to copy at checkpoints and to parse, on every level, observation and
 * ledger snapshot.
 */
function changedFields<T extends object>(value: T, defaults: T): Partial<T> {
  const changed: Record<string, unknown> = {};
  for (const key of Object.keys(defaults) as (keyof T & string)[]) {
    const field = value[key];
    if (field === defaults[key] || field === undefined) continue;
    if (Array.isArray(field) && field.length === 0) continue;
    if (field !== null && typeof field === 'object' && !Array.isArray(field) && Object.keys(field).length === 0) continue;
    changed[key] = field;
  }
  return changed as Partial<T>;
}

/**
 * The JSON text of `{ figures, details }` with only the fields that differ from an empty level
 * (ADR 0007), serialized once per pair of objects.
 */
export function stockDataJson(figures: StockFigures, details: StockDetails): string {
  const hit = texts.get(figures);
  if (hit && hit.details === details) return hit.text;
  const text = JSON.stringify({ figures: changedFields(figures, EMPTY_FIGURES), details: changedFields(details, EMPTY_DETAILS) });
  texts.set(figures, { details, text });
  return text;
}

// Parsed `data` texts, by text: many rows hold the same few figures (a refresh's 3,000 levels and
// their observations share a handful of texts), and a hit skips the parse and its allocations.
// Values are immutable, so rows may share one object. Bounded: cleared when full.
const parsedTexts = new Map<string, StockData>();
const PARSED_TEXTS_MAX = 2048;

/**
 * Parses a `data` column, the compact text of {@link stockDataJson} or the full one written
 * before it (missing fields take the empty level's values), remembering its text.
 */
export function parseStockData(text: string): StockData {
  const hit = parsedTexts.get(text);
  if (hit) return hit;
  const raw = JSON.parse(text) as { figures: Partial<StockFigures>; details: Partial<StockDetails> };
  const data: StockData = { figures: { ...EMPTY_FIGURES, ...raw.figures }, details: { ...EMPTY_DETAILS, ...raw.details } };
  texts.set(data.figures, { details: data.details, text });
  if (parsedTexts.size >= PARSED_TEXTS_MAX) parsedTexts.clear();
  parsedTexts.set(text, data);
  return data;
}

/** The JSON text of a ledger snapshot: `{ present, sourceTimestamp, data: { figures, details } }`. */
export function snapshotJson(snapshot: LevelSnapshot): string {
  return `{"present":${snapshot.present ? 'true' : 'false'},"sourceTimestamp":${JSON.stringify(snapshot.sourceTimestamp)},"data":${stockDataJson(snapshot.figures, snapshot.details)}}`;
}

/** Parses a ledger snapshot written by {@link snapshotJson} (compact or full data). */
export function parseSnapshot(text: string): LevelSnapshot {
  const raw = JSON.parse(text) as {
    present: boolean;
    sourceTimestamp: string | null;
    data: { figures: Partial<StockFigures>; details: Partial<StockDetails> };
  };
  const figures = { ...EMPTY_FIGURES, ...raw.data.figures };
  const details = { ...EMPTY_DETAILS, ...raw.data.details };
  return { present: raw.present, figures, details, sourceTimestamp: raw.sourceTimestamp };
}
