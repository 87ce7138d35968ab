import type { Schemas } from '../api/client';
import { parseThresholds, thresholdFieldsOf } from './threshold-editor.model';

describe('parseThresholds', () => {
  it('reads whole numbers from 0, an empty low-stock threshold as none', () => {
    expect(parseThresholds({ lowStockThreshold: '', safetyStock: 2, outOfStockThreshold: '0' })).toEqual({
      values: { lowStockThreshold: null, safetyStock: 2, outOfStockThreshold: 0 },
      problems: {},
    });
    expect(parseThresholds({ lowStockThreshold: 5, safetyStock: 0, outOfStockThreshold: 0 }).values).toEqual({
      lowStockThreshold: 5,
      safetyStock: 0,
      outOfStockThreshold: 0,
    });
  });

  it('names each field that is empty where a number is needed, negative or fractional, and gives no values', () => {
    expect(parseThresholds({ lowStockThreshold: -1, safetyStock: '', outOfStockThreshold: '1.5' })).toEqual({
      values: null,
      problems: { lowStockThreshold: 'A whole number from 0.', safetyStock: 'Enter a whole number from 0.', outOfStockThreshold: 'A whole number from 0.' },
    });
  });
});

describe('thresholdFieldsOf', () => {
  it('shows no low-stock threshold as an empty field', () => {
    const figures = { lowStockThreshold: null, safetyStock: 1, outOfStockThreshold: 0 } as Schemas['StockFiguresDto'];
    expect(thresholdFieldsOf(figures)).toEqual({ lowStockThreshold: '', safetyStock: 1, outOfStockThreshold: 0 });
  });
});
