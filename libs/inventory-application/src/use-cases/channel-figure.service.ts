import { channelAvailability, type ChannelAvailability } from '@tally/inventory-domain';
import type { Channel } from '../model/channel.model';
import type { ChannelItemFacts } from '../ports/channel-repository.port';

/** A figure as a channel shows it and as the sync state stores it. */
export type ChannelFigure = number | 'unlimited';

/** The channel's figure of an item, from what it depends on. */
export function channelFigureOf(channel: Channel, facts: ChannelItemFacts): ChannelAvailability & { figure: ChannelFigure } {
  const locations = channel.locationIds === null ? null : new Set(channel.locationIds);
  const availability = channelAvailability(facts.levels, locations, channel.rules, facts.override);
  return { ...availability, figure: availability.quantity === null ? 'unlimited' : availability.quantity };
}

/** The identifier the channel names the item by, or null when the item has none of that kind. */
export function channelIdentifierOf(channel: Channel, facts: ChannelItemFacts): string | null {
  const { kind, connectionId } = channel.identifier;
  const found = facts.identifiers.find((i) => i.kind === kind && (kind !== 'external' || i.connectionId === connectionId));
  return found?.value ?? null;
}
