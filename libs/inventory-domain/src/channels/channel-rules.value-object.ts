/**
 * How a channel turns sellable stock into the figure it shows, as merchants know the rules
 * from channel tools: units or a percentage held back, a maximum to show, and a threshold at
 * or below which the channel shows nothing.
 */
export interface ChannelRules {
  /** Units held back from the channel. */
  readonly bufferUnits: number;
  /** Percentage (0–100) of the sellable units held back, rounded up to whole units. */
  readonly bufferPercent: number;
  /** The most the channel is shown; null for no maximum. */
  readonly maxShown: number | null;
  /** At or below this many units (after the buffers) the channel is shown 0; null for none. */
  readonly zeroAt: number | null;
}

/** One item's exceptions to its channel's rules. */
export interface ChannelItemOverride {
  /** Rules that replace the channel's for this item (each one only when given). */
  readonly rules: Partial<ChannelRules>;
  /** A fixed figure shown whatever the stock (null: computed); `unlimited` shows unlimited. */
  readonly fixed: number | 'unlimited' | null;
  /** The item is not sold on this channel: it is shown 0. */
  readonly excluded: boolean;
}

/** Rules that change nothing: the channel shows every sellable unit. */
export const NO_CHANNEL_RULES: ChannelRules = Object.freeze({ bufferUnits: 0, bufferPercent: 0, maxShown: null, zeroAt: null });
