import type { OutboundSchema } from '@tally/vendor-kit';

/** Where Tally's inbound side (and the SDK) names the endpoint, after the channel's base URL. */
export const RETAILOPS_DEFAULT_PUSH_PATH = '/inventory_push_v1';

/** A RetailOPS channel's settings, read from its checked `settings`. */
export interface RetailopsOutboundSettings {
  readonly path: string;
  readonly clientId: number;
  readonly channelId: number | null;
  readonly facilityName: string | null;
}

/** Settings of a RetailOPS channel (not secret). */
export const RETAILOPS_OUTBOUND_SETTINGS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      pattern: '^/',
      maxLength: 500,
      default: RETAILOPS_DEFAULT_PUSH_PATH,
      description: "The integration's endpoint after the base URL (may carry a query string, e.g. ?connection=<id> for Tally's test key).",
    },
    clientId: { type: 'integer', minimum: 0, description: 'The RetailOPS client id, sent as client_id.' },
    channelId: { type: 'integer', minimum: 0, description: 'The RetailOPS channel id, sent as channel_info.id; left out when not set.' },
    facilityName: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'When set, each SKU also carries one quantity_detail row of type internal at this facility, with the whole figure.',
    },
    unlimitedQuantity: {
      type: 'integer',
      minimum: 0,
      default: 9999,
      description: 'The quantity sent for an unlimited figure (the push has no word for unlimited).',
    },
  },
  required: ['clientId'],
  additionalProperties: false,
};

/** Credentials of a RetailOPS channel (secret). */
export const RETAILOPS_OUTBOUND_CREDENTIALS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    integrationKey: {
      type: 'string',
      minLength: 1,
      description: "The integration's auth token, sent in the body as integration_auth_token (for Tally as the channel: the RetailOPS connection's token).",
    },
  },
  required: ['integrationKey'],
  additionalProperties: false,
};

const wholeOrNull = (value: unknown): number | null => (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : null);

/** Reads the settings the schema checked; anything unexpected falls back to the defaults. */
export function retailopsSettingsOf(settings: Readonly<Record<string, unknown>>): RetailopsOutboundSettings {
  const path = settings['path'];
  const facility = settings['facilityName'];
  return {
    path: typeof path === 'string' && path.startsWith('/') ? path : RETAILOPS_DEFAULT_PUSH_PATH,
    clientId: wholeOrNull(settings['clientId']) ?? 0,
    channelId: wholeOrNull(settings['channelId']),
    facilityName: typeof facility === 'string' && facility.trim() !== '' ? facility : null,
  };
}
