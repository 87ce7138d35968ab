import type { OutboundSchema } from '@tally/vendor-kit';

/** The Kibo item field that carries the channel's identifier of an item. */
export type KiboIdentifierField = 'sku' | 'upc' | 'partNumber';

/** The two packages of the refresh call (same body). */
export const KIBO_REFRESH_PATHS = ['/api/v5/inventory/refresh', '/inv/api/v5/inventory/refresh'] as const;
/** One of {@link KIBO_REFRESH_PATHS}. */
export type KiboRefreshPath = (typeof KIBO_REFRESH_PATHS)[number];

/** Default bound on the wait for a refresh job to end. */
export const KIBO_DEFAULT_JOB_TIMEOUT_SECONDS = 300;

/** A Kibo channel's settings, with defaults applied. */
export interface KiboOutboundSettings {
  readonly locationCode: string;
  readonly identifierField: KiboIdentifierField;
  readonly refreshPath: KiboRefreshPath;
  readonly manufacturerID: number | null;
  readonly jobTimeoutSeconds: number;
}

/** Settings of a Kibo channel (not secret). */
export const KIBO_OUTBOUND_SETTINGS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    locationCode: { type: 'string', minLength: 1, maxLength: 255, description: 'The Kibo location the figures are refreshed at (sent as locationName).' },
    identifierField: {
      type: 'string',
      enum: ['sku', 'upc', 'partNumber'],
      default: 'sku',
      description: "The Kibo item field that carries the item's identifier.",
    },
    refreshPath: {
      type: 'string',
      enum: [...KIBO_REFRESH_PATHS],
      default: KIBO_REFRESH_PATHS[0],
      description: 'Which of the two refresh paths to call (same body).',
    },
    manufacturerID: { type: 'integer', minimum: 0, description: 'The Kibo manufacturer id, sent when set.' },
    jobTimeoutSeconds: {
      type: 'integer',
      minimum: 1,
      maximum: 3600,
      default: KIBO_DEFAULT_JOB_TIMEOUT_SECONDS,
      description: 'How long to wait for a refresh job to end before sending its items again.',
    },
    unlimitedQuantity: { type: 'integer', minimum: 0, description: 'Quantity sent for an unlimited item (Kibo has no infinite flag); default 9999.' },
  },
  required: ['locationCode'],
  additionalProperties: false,
};

/** Credentials of a Kibo channel: the OAuth2 client (API key and secret). */
export const KIBO_OUTBOUND_CREDENTIALS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    clientId: { type: 'string', minLength: 1, description: 'OAuth2 client id (the API key).' },
    clientSecret: { type: 'string', minLength: 1, description: 'OAuth2 client secret.' },
  },
  required: ['clientId', 'clientSecret'],
  additionalProperties: false,
};

/** Reads checked settings, applying the defaults the schema names. */
export function readKiboOutboundSettings(settings: Readonly<Record<string, unknown>>): KiboOutboundSettings {
  const field = settings['identifierField'];
  const path = settings['refreshPath'];
  const manufacturer = settings['manufacturerID'];
  const timeout = settings['jobTimeoutSeconds'];
  return {
    locationCode: String(settings['locationCode'] ?? ''),
    identifierField: field === 'upc' || field === 'partNumber' ? field : 'sku',
    refreshPath: KIBO_REFRESH_PATHS.find((p) => p === path) ?? KIBO_REFRESH_PATHS[0],
    manufacturerID: typeof manufacturer === 'number' && Number.isSafeInteger(manufacturer) && manufacturer >= 0 ? manufacturer : null,
    jobTimeoutSeconds: typeof timeout === 'number' && timeout > 0 ? timeout : KIBO_DEFAULT_JOB_TIMEOUT_SECONDS,
  };
}
