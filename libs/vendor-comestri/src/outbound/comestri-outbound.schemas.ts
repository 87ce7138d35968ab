import type { OutboundSchema } from '@tally/vendor-kit';

/** Which Comestri parameter names the product: the item's identifier goes there. */
export type ComestriIdentifierField = 'product_code' | 'product_id';

/** A Comestri channel's settings, read from its checked `settings`. */
export interface ComestriOutboundSettings {
  readonly inventorySource: string;
  readonly identifierField: ComestriIdentifierField;
}

/** Settings of a Comestri channel (not secret). */
export const COMESTRI_OUTBOUND_SETTINGS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    inventorySource: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: 'The inventory source (location) whose records are written, sent as inventory[inventory_source].',
    },
    identifierField: {
      type: 'string',
      enum: ['product_code', 'product_id'],
      default: 'product_code',
      description: "Send the item's identifier as inventory[product_code] (a string) or inventory[product_id] (Comestri's integer product id).",
    },
    unlimitedQuantity: {
      type: 'integer',
      minimum: 0,
      default: 9999,
      description: 'The qty sent with style "perpetual" for an unlimited figure (Comestri requires a qty even then).',
    },
  },
  required: ['inventorySource'],
  additionalProperties: false,
};

/** Credentials of a Comestri channel (secret). */
export const COMESTRI_OUTBOUND_CREDENTIALS_SCHEMA: OutboundSchema = {
  type: 'object',
  properties: {
    token: {
      type: 'string',
      minLength: 1,
      pattern: '^[^\\s,;"]+$',
      description: 'The API token, sent as Authorization: Token token=<token>,email=<email>. No spaces, commas, semicolons or quotes.',
    },
    email: {
      type: 'string',
      maxLength: 190,
      pattern: '^[^\\s@,;"]+@[^\\s@,;"]+$',
      description: 'The email of the Comestri user the token belongs to.',
    },
  },
  required: ['token', 'email'],
  additionalProperties: false,
};

/** Reads the settings the schema checked; anything unexpected falls back to the defaults. */
export function comestriSettingsOf(settings: Readonly<Record<string, unknown>>): ComestriOutboundSettings {
  const source = settings['inventorySource'];
  return {
    inventorySource: typeof source === 'string' ? source : '',
    identifierField: settings['identifierField'] === 'product_id' ? 'product_id' : 'product_code',
  };
}
