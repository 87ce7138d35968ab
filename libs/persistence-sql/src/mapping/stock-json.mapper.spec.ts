import { EMPTY_DETAILS, EMPTY_FIGURES, type LevelSnapshot, type StockDetails, type StockFigures } from '@tally/inventory-domain';
import { parseSnapshot, parseStockData, snapshotJson, stockDataJson } from './stock-json.mapper';

const EVERY_FIELD: { figures: StockFigures; details: StockDetails } = {
  figures: {
    onHand: 0,
    availableReported: 7,
    reserved: 2,
    backorder: 1,
    safetyStock: 3,
    floor: 1,
    outOfStockThreshold: 2,
    lowStockThreshold: 5,
    infinite: true,
    restriction: 'discontinued',
    backorderPolicy: 'allow',
  },
  details: {
    incoming: [{ quantity: 4, expectedAt: '2026-12-24T00:00:00.000Z', reference: 'PO-1' }],
    leadTimeDays: 3,
    dispatchTimeDays: 1,
    price: '9.99',
    salePrice: '7.50',
    unitCost: '4.10',
    currency: 'EUR',
    binId: 12,
    attributes: { colour: 'red' },
  },
} as unknown as { figures: StockFigures; details: StockDetails };

describe('stock JSON mapper', () => {
  it('stores only the fields that differ from an empty level and reads them back whole', () => {
    const figures = { ...EMPTY_FIGURES, onHand: 4 };
    const text = stockDataJson(figures, EMPTY_DETAILS);
    expect(JSON.parse(text)).toEqual({ figures: { onHand: 4 }, details: {} });
    expect(parseStockData(text)).toEqual({ figures, details: EMPTY_DETAILS });
  });

  it('keeps a zero on hand apart from an unknown one', () => {
    const zero = parseStockData(stockDataJson({ ...EMPTY_FIGURES, onHand: 0 }, EMPTY_DETAILS));
    const unknown = parseStockData(stockDataJson(EMPTY_FIGURES, EMPTY_DETAILS));
    expect(zero.figures.onHand).toBe(0);
    expect(unknown.figures.onHand).toBeNull();
  });

  it('round-trips a level with every field set', () => {
    const text = stockDataJson(EVERY_FIELD.figures, EVERY_FIELD.details);
    expect(parseStockData(text)).toEqual(EVERY_FIELD);
  });

  it('reads the full text written before the compact form', () => {
    const full = JSON.stringify({ figures: { ...EMPTY_FIGURES, onHand: 3 }, details: EMPTY_DETAILS });
    expect(parseStockData(full)).toEqual({ figures: { ...EMPTY_FIGURES, onHand: 3 }, details: EMPTY_DETAILS });
    const snapshot = `{"present":true,"sourceTimestamp":null,"data":${full}}`;
    expect(parseSnapshot(snapshot)).toEqual({ present: true, sourceTimestamp: null, figures: { ...EMPTY_FIGURES, onHand: 3 }, details: EMPTY_DETAILS });
  });

  it('round-trips ledger snapshots', () => {
    const snapshot: LevelSnapshot = { present: true, sourceTimestamp: '2026-12-01T08:00:00.000Z', ...EVERY_FIELD };
    expect(parseSnapshot(snapshotJson(snapshot))).toEqual(snapshot);
    const absent: LevelSnapshot = { present: false, sourceTimestamp: null, figures: EMPTY_FIGURES, details: EMPTY_DETAILS };
    expect(snapshotJson(absent)).toBe('{"present":false,"sourceTimestamp":null,"data":{"figures":{},"details":{}}}');
    expect(parseSnapshot(snapshotJson(absent))).toEqual(absent);
  });
});
