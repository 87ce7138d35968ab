import { levelAvailability } from '../availability/availability.policy.js';
import type { StockLevel } from '../model/stock-level.aggregate.js';
import type { ChannelItemOverride, ChannelRules } from './channel-rules.value-object.js';

/** What a channel may sell of an item. */
export interface ChannelAvailability {
  /** Units shown to the channel; null when unlimited. */
  readonly quantity: number | null;
  /** Sellable units of the channel's locations before the channel's rules (0 when unlimited). */
  readonly sellable: number;
  /** True when one of the channel's locations has infinite stock that may be sold. */
  readonly unlimited: boolean;
}

/**
 * Available-to-sell of one item on one channel: the sellable units of the channel's locations
 * (each clamped at zero, restricted and discontinued places count 0, infinite stays infinite),
 * less the buffers, shown 0 at or below the threshold, capped at the maximum. A maximum makes
 * an unlimited figure finite: channel tools show the cap when stock is infinite.
 */
export function channelAvailability(
  levels: readonly Pick<StockLevel, 'present' | 'figures' | 'locationId'>[],
  channelLocations: ReadonlySet<string> | null,
  channelRules: ChannelRules,
  override: ChannelItemOverride | null = null,
): ChannelAvailability {
  let sellable = 0;
  let unlimited = false;
  for (const level of levels) {
    if (channelLocations !== null && !channelLocations.has(level.locationId)) continue;
    const a = levelAvailability(level);
    sellable += a.sellable;
    unlimited ||= a.unlimited;
  }
  if (override?.excluded) return { quantity: 0, sellable, unlimited };
  if (override?.fixed === 'unlimited') return { quantity: null, sellable, unlimited };
  if (typeof override?.fixed === 'number') return { quantity: override.fixed, sellable, unlimited };
  const rules = { ...channelRules, ...definedOnly(override?.rules ?? {}) };
  if (unlimited) return { quantity: rules.maxShown, sellable: 0, unlimited };
  return { quantity: shown(sellable, rules), sellable, unlimited };
}

function shown(sellable: number, rules: ChannelRules): number {
  const held = rules.bufferUnits + Math.ceil((sellable * rules.bufferPercent) / 100);
  const left = Math.max(0, sellable - held);
  if (rules.zeroAt !== null && left <= rules.zeroAt) return 0;
  return rules.maxShown === null ? left : Math.min(left, rules.maxShown);
}

function definedOnly(rules: Partial<ChannelRules>): Partial<ChannelRules> {
  return Object.fromEntries(Object.entries(rules).filter(([, v]) => v !== undefined)) as Partial<ChannelRules>;
}

/** Why a channel's rules are unusable, or null when they are sound. Names the field. */
export function channelRulesProblem(rules: Partial<ChannelRules>): { field: keyof ChannelRules; problem: string } | null {
  const whole = (v: unknown) => typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
  if (rules.bufferUnits !== undefined && !whole(rules.bufferUnits)) return { field: 'bufferUnits', problem: 'must be a whole number ≥ 0' };
  if (rules.bufferPercent !== undefined && !(typeof rules.bufferPercent === 'number' && rules.bufferPercent >= 0 && rules.bufferPercent <= 100)) {
    return { field: 'bufferPercent', problem: 'must be a number from 0 to 100' };
  }
  if (rules.maxShown !== undefined && rules.maxShown !== null && !whole(rules.maxShown))
    return { field: 'maxShown', problem: 'must be a whole number ≥ 0 or null' };
  if (rules.zeroAt !== undefined && rules.zeroAt !== null && !whole(rules.zeroAt)) return { field: 'zeroAt', problem: 'must be a whole number ≥ 0 or null' };
  return null;
}
