import { chosenQuantityText, onHandText } from './labels';

describe('onHandText', () => {
  const figures = (onHand: number | null, infinite = false) => ({ onHand, infinite });

  it('says absent for a removed level, whatever its figures', () => {
    expect(onHandText({ present: false, figures: figures(5) })).toBe('absent');
  });

  it('shows ∞ only for an infinite level, and a dash for an on hand never reported', () => {
    expect(onHandText({ present: true, figures: figures(null, true) })).toBe('∞');
    expect(onHandText({ present: true, figures: figures(null) })).toBe('—');
  });

  it('shows the number, zero and negative included', () => {
    expect([0, -3, 12].map((n) => onHandText({ present: true, figures: figures(n) }))).toEqual(['0', '-3', '12']);
  });
});

describe('chosenQuantityText', () => {
  it('names the kept quantity, says when there was none, and says nothing for old resolutions', () => {
    expect([chosenQuantityText(7), chosenQuantityText(0), chosenQuantityText(null), chosenQuantityText(undefined)]).toEqual([
      ' (7)',
      ' (0)',
      ' (no quantity)',
      '',
    ]);
  });
});
