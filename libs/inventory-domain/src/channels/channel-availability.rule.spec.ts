import { EMPTY_FIGURES, type StockFigures } from '../model/stock-figures.value-object.js';
import { channelAvailability, channelRulesProblem } from './channel-availability.rule.js';
import { NO_CHANNEL_RULES, type ChannelItemOverride } from './channel-rules.value-object.js';

const place = (locationId: string, figures: Partial<StockFigures>, present = true) => ({ locationId, present, figures: { ...EMPTY_FIGURES, ...figures } });
const rules = (r: Partial<typeof NO_CHANNEL_RULES>) => ({ ...NO_CHANNEL_RULES, ...r });
const override = (o: Partial<ChannelItemOverride>): ChannelItemOverride => ({ rules: {}, fixed: null, excluded: false, ...o });

describe('channelAvailability', () => {
  const levels = [place('wh', { onHand: 40 }), place('store', { onHand: 7, reserved: 2 }), place('drop', { onHand: 100 })];

  it('sums the sellable units of every location when the channel sells all of them', () => {
    expect(channelAvailability(levels, null, NO_CHANNEL_RULES)).toEqual({ quantity: 145, sellable: 145, unlimited: false });
  });

  it('counts only the channel’s locations', () => {
    expect(channelAvailability(levels, new Set(['wh', 'store']), NO_CHANNEL_RULES).quantity).toBe(45);
  });

  it('clamps each location at zero so one oversold place never hides stock elsewhere', () => {
    expect(channelAvailability([place('a', { onHand: 2, reserved: 9 }), place('b', { onHand: 5 })], null, NO_CHANNEL_RULES).quantity).toBe(5);
  });

  it('holds back buffer units and a percentage rounded up', () => {
    expect(channelAvailability(levels, null, rules({ bufferUnits: 5 })).quantity).toBe(140);
    expect(channelAvailability(levels, null, rules({ bufferPercent: 10 })).quantity).toBe(130); // 14.5 → 15 held
    expect(channelAvailability(levels, null, rules({ bufferUnits: 5, bufferPercent: 10 })).quantity).toBe(125);
    expect(channelAvailability(levels, null, rules({ bufferUnits: 500 })).quantity).toBe(0);
  });

  it('shows 0 at or below the threshold, and the figure above it', () => {
    const two = [place('a', { onHand: 3 })];
    expect(channelAvailability(two, null, rules({ zeroAt: 3 })).quantity).toBe(0);
    expect(channelAvailability(two, null, rules({ zeroAt: 2 })).quantity).toBe(3);
  });

  it('caps at the maximum to show', () => {
    expect(channelAvailability(levels, null, rules({ maxShown: 50 })).quantity).toBe(50);
    expect(channelAvailability([place('a', { onHand: 3 })], null, rules({ maxShown: 50 })).quantity).toBe(3);
  });

  it('keeps infinite stock infinite, or shows the maximum when there is one', () => {
    const infinite = [place('a', { infinite: true }), place('b', { onHand: 4 })];
    expect(channelAvailability(infinite, null, NO_CHANNEL_RULES)).toEqual({ quantity: null, sellable: 0, unlimited: true });
    expect(channelAvailability(infinite, null, rules({ maxShown: 20 })).quantity).toBe(20);
    expect(channelAvailability(infinite, new Set(['b']), NO_CHANNEL_RULES).quantity).toBe(4);
  });

  it('shows 0 for restricted and discontinued places, even infinite ones', () => {
    const restricted = [
      place('a', { onHand: 9, restriction: 'discontinued', infinite: true }),
      place('b', { onHand: 9, restriction: 'temporarily_unavailable' }),
    ];
    expect(channelAvailability(restricted, null, NO_CHANNEL_RULES)).toEqual({ quantity: 0, sellable: 0, unlimited: false });
  });

  it('sells nothing of a place without a record', () => {
    expect(channelAvailability([place('a', { onHand: 9 }, false)], null, NO_CHANNEL_RULES).quantity).toBe(0);
  });

  it('applies an item’s override rules over the channel’s', () => {
    expect(channelAvailability(levels, null, rules({ bufferUnits: 5, maxShown: 10 }), override({ rules: { maxShown: null } })).quantity).toBe(140);
  });

  it('shows a fixed figure, unlimited, or 0 for an excluded item whatever the stock', () => {
    expect(channelAvailability(levels, null, NO_CHANNEL_RULES, override({ fixed: 3 })).quantity).toBe(3);
    expect(channelAvailability(levels, null, NO_CHANNEL_RULES, override({ fixed: 'unlimited' })).quantity).toBeNull();
    expect(channelAvailability(levels, null, NO_CHANNEL_RULES, override({ excluded: true, fixed: 3 })).quantity).toBe(0);
  });
});

describe('channelRulesProblem', () => {
  it('names the field of a rule that cannot be used', () => {
    expect(channelRulesProblem({ bufferUnits: -1 })?.field).toBe('bufferUnits');
    expect(channelRulesProblem({ bufferPercent: 101 })?.field).toBe('bufferPercent');
    expect(channelRulesProblem({ maxShown: 1.5 })?.field).toBe('maxShown');
    expect(channelRulesProblem({ zeroAt: -2 })?.field).toBe('zeroAt');
  });

  it('accepts sound rules', () => {
    expect(channelRulesProblem({ bufferUnits: 2, bufferPercent: 12.5, maxShown: null, zeroAt: 0 })).toBeNull();
  });
});
