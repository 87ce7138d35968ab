import type { Schemas } from '../api/client';

/** The thresholds of a level as the editor's fields hold them (text as typed). */
export interface ThresholdFields {
  readonly lowStockThreshold: number | string;
  readonly safetyStock: number | string;
  readonly outOfStockThreshold: number | string;
}

/** The fields of a level's current thresholds. */
export function thresholdFieldsOf(figures: Schemas['StockFiguresDto']): ThresholdFields {
  return { lowStockThreshold: figures.lowStockThreshold ?? '', safetyStock: figures.safetyStock, outOfStockThreshold: figures.outOfStockThreshold };
}

type Parsed = { lowStockThreshold: number | null; safetyStock: number; outOfStockThreshold: number };

/**
 * The thresholds to set, or each field's problem. An empty low-stock threshold means none (the
 * level is never called low); the other two are whole numbers from 0, never read as 0 when empty.
 */
export function parseThresholds(fields: ThresholdFields): { values: Parsed | null; problems: Partial<Record<keyof ThresholdFields, string>> } {
  const problems: Partial<Record<keyof ThresholdFields, string>> = {};
  const whole = (key: keyof ThresholdFields, optional: boolean): number | null => {
    const raw = fields[key];
    if (typeof raw === 'string' && raw.trim() === '') {
      if (!optional) problems[key] = 'Enter a whole number from 0.';
      return null;
    }
    const n = Number(raw);
    if (!Number.isSafeInteger(n) || n < 0) problems[key] = 'A whole number from 0.';
    return n;
  };
  const values = {
    lowStockThreshold: whole('lowStockThreshold', true),
    safetyStock: whole('safetyStock', false),
    outOfStockThreshold: whole('outOfStockThreshold', false),
  };
  return Object.keys(problems).length > 0 ? { values: null, problems } : { values: values as Parsed, problems };
}
