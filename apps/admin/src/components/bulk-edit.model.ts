import type { Schemas } from '../api/client';

/** The stock policies a bulk edit sets, each as the figures that make it (every field named, so the outcome never depends on what was there). */
export const POLICIES = {
  normal: { label: 'Sell from stock', fields: { restriction: 'none', backorderPolicy: 'none', infinite: false } },
  backorder: { label: 'Back order when out', fields: { restriction: 'none', backorderPolicy: 'backorder', infinite: false } },
  preorder: { label: 'Pre-order when out', fields: { restriction: 'none', backorderPolicy: 'preorder', infinite: false } },
  infinite: { label: 'Never sells out (infinite)', fields: { restriction: 'none', backorderPolicy: 'none', infinite: true } },
  unavailable: { label: 'Temporarily unavailable', fields: { restriction: 'temporarily_unavailable', backorderPolicy: 'none', infinite: false } },
  discontinued: { label: 'Discontinued', fields: { restriction: 'discontinued', backorderPolicy: 'none', infinite: false } },
} as const satisfies Record<string, { label: string; fields: Partial<Schemas['SetLineDto']> }>;

/** One of {@link POLICIES}. */
export type PolicyChoice = keyof typeof POLICIES;

/** What a bulk edit does to every selected place. */
export type BulkAction =
  | { readonly kind: 'set'; readonly value: number }
  | { readonly kind: 'adjust'; readonly delta: number }
  | { readonly kind: 'policy'; readonly policy: PolicyChoice };

/** A selected place as the table showed it. */
export interface SeenPlace {
  readonly itemId: string;
  readonly locationId: string;
  readonly label: string;
  /** On hand as shown: the expectation of the compare-and-set (null: none known). */
  readonly onHand: number | null;
}

/** What happened at one place. */
export interface PlaceOutcome {
  readonly itemId: string;
  readonly label: string;
  readonly outcome: 'applied' | 'unchanged' | 'conflict' | 'refused';
  /** For a conflict: on hand now (null: no record or no on-hand figure). */
  readonly current?: number | null;
  /** For a refusal: why. */
  readonly reason?: string;
}

type BatchLine = Schemas['StockBatchRequestDto']['lines'][number];

/**
 * The batch lines of an action over the places, and the places refused before sending: on-hand
 * changes are compare-and-sets against the on hand seen (an adjustment of an unknown on hand has
 * nothing to add to, so it is refused here); a policy is a `set` of its fields.
 */
export function bulkLinesOf(action: BulkAction, places: readonly SeenPlace[]): { lines: BatchLine[]; sent: SeenPlace[]; refused: PlaceOutcome[] } {
  const lines: BatchLine[] = [];
  const sent: SeenPlace[] = [];
  const refused: PlaceOutcome[] = [];
  for (const place of places) {
    const target = { item: { itemId: place.itemId }, location: { locationId: place.locationId } };
    if (action.kind === 'policy') {
      lines.push({ op: 'set', ...target, ...POLICIES[action.policy].fields });
    } else if (action.kind === 'adjust' && place.onHand === null) {
      refused.push({ itemId: place.itemId, label: place.label, outcome: 'refused', reason: 'No on hand is known here to adjust: set it instead.' });
      continue;
    } else {
      const value = action.kind === 'set' ? action.value : (place.onHand as number) + action.delta;
      lines.push({ op: 'compare_and_set', ...target, figure: 'on_hand', expected: place.onHand, value });
    }
    sent.push(place);
  }
  return { lines, sent, refused };
}

/** Each place's outcome from the batch report (line n is `sent[n - 1]`), after those refused before sending. */
export function bulkOutcomesOf(sent: readonly SeenPlace[], report: Schemas['BatchReportDto'], refused: readonly PlaceOutcome[]): PlaceOutcome[] {
  const outcomes = report.lines.map((line): PlaceOutcome => {
    const { itemId, label } = sent[line.lineNo - 1];
    if (line.status === 'applied' || line.status === 'unchanged') return { itemId, label, outcome: line.status };
    if (line.status === 'conflict') return { itemId, label, outcome: 'conflict', current: line.current ?? null };
    return { itemId, label, outcome: 'refused', reason: line.error?.message ?? line.status };
  });
  return [...outcomes, ...refused];
}
