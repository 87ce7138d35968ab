import { editReference, onHandProblem, REASON_MAX_LENGTH } from './level-editor.model';

describe('onHandProblem', () => {
  it('refuses an empty field instead of reading it as 0', () => {
    expect(onHandProblem('')).toMatch(/Enter the new on hand/);
    expect(onHandProblem('  ')).toMatch(/Enter the new on hand/);
  });

  it('refuses what is not a whole number', () => {
    expect(onHandProblem('-')).toMatch(/whole number/);
    expect(onHandProblem('2.5')).toMatch(/whole number/);
  });

  it('accepts whole numbers, zero and negatives (oversold) included', () => {
    expect([0, 12, -4, '7', '-2'].map(onHandProblem)).toEqual([null, null, null, null, null]);
  });
});

describe('editReference', () => {
  it('is the console reference, followed by the reason when one is given', () => {
    expect(editReference('')).toBe('admin console');
    expect(editReference('  cycle count ')).toBe('admin console: cycle count');
  });

  it('fits the API limit of 200 characters', () => {
    expect(editReference('x'.repeat(REASON_MAX_LENGTH))).toHaveLength(200);
    expect(editReference('x'.repeat(500))).toHaveLength(200);
  });
});
