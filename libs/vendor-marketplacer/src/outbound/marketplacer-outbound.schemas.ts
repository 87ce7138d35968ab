import type { OutboundSchema } from '@tally/vendor-kit';

/** A Marketplacer channel's settings, read from its checked `settings`. */
export interface MarketplacerOutboundSettings {
  /** The seller whose record each PUT writes (`seller_id`); null for a member's own record. */
  readonly sellerId: number | null;
  /** Send the key in `MARKETPLACER-API-KEY` instead of `Authorization: Bearer`. */
  readonly apiKeyHeader: boolean;
}

/** Settings of a Marketplacer channel (not secret). */
export const MARKETPLACER_OUTBOUND_SETTINGS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    sellerId: {
      type: 'integer',
      minimum: 1,
      description:
        "The multi-store seller whose inventory record is written, sent as seller_id. Required when the API key is the multi-store owner's; " +
        "leave it out with a member's key to write the member's own record.",
    },
    apiKeyHeader: {
      type: 'boolean',
      default: false,
      description: 'Send the API key in the MARKETPLACER-API-KEY header instead of Authorization: Bearer (sites behind HTTP Basic authentication).',
    },
  },
  required: [],
  additionalProperties: false,
};

/** Credentials of a Marketplacer channel (secret). */
export const MARKETPLACER_OUTBOUND_CREDENTIALS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    apiKey: { type: 'string', minLength: 1, description: 'The Seller API key of the seller (or of the multi-store owner) the channel writes as.' },
  },
  required: ['apiKey'],
  additionalProperties: false,
};

/** Reads the settings the schema checked; anything unexpected falls back to the defaults. */
export function marketplacerSettingsOf(settings: Readonly<Record<string, unknown>>): MarketplacerOutboundSettings {
  const sellerId = settings['sellerId'];
  return {
    sellerId: typeof sellerId === 'number' && Number.isSafeInteger(sellerId) && sellerId >= 1 ? sellerId : null,
    apiKeyHeader: settings['apiKeyHeader'] === true,
  };
}
