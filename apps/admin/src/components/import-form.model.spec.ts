import { importQueryOf, omittedText, previewFigures } from './import-form.model';

const preview = { lines: 10, valid: 7, invalid: 3, wouldChange: 5, unchanged: 2, observed: 0, itemsCreated: 1, problems: [], problemsOmitted: 0 };

describe('import form', () => {
  it('asks only for what the operator chose', () => {
    expect(importQueryOf({ createItems: false, createLocations: null })).toEqual({});
    expect(importQueryOf({ createItems: true, createLocations: 'store' })).toEqual({ createItems: 'true', createLocations: 'store' });
  });

  it('lists every figure of the preview and counts the refused lines it leaves out', () => {
    expect(previewFigures(preview).map(([, n]) => n)).toEqual([10, 7, 3, 5, 2, 0, 1]);
    expect(omittedText(preview)).toBeNull();
    expect(omittedText({ ...preview, problemsOmitted: 12 })).toBe('12 more invalid lines are not listed.');
  });
});
