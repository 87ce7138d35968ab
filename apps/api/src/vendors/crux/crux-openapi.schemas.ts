import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { CruxErrorCodes } from '@tally/vendor-crux';

const barcode = (what: string): SchemaObject => ({ type: 'string', description: `${what}; check digit verified. Spaces and hyphens are ignored.` });

/** One Crux SKU inventory update, as the document describes it. */
export const CRUX_UPDATE_SCHEMA: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  description:
    'Exactly one identifier (several are accepted only when they name the same SKU) and at least one inventory field. ' +
    'Any other field is refused with 403: only inventory fields may change.',
  properties: {
    sku_id: { type: 'string', maxLength: 200, description: "The supplier's SKU id (Tally item `sku`)." },
    upca: barcode('UPC-A, 12 digits'),
    ean13: barcode('EAN-13, 13 digits; a UPC-A with a leading zero is the same item'),
    gtin14: barcode('GTIN-14, 14 digits'),
    isbn: barcode('ISBN-10 or ISBN-13'),
    quantity_in_stock: { type: 'integer', minimum: 0, maximum: 1_000_000_000, description: 'Units on hand (not net of reservations).' },
    quantity_on_backorder: { type: 'integer', minimum: 0, maximum: 1_000_000_000, description: 'Units on backorder.' },
    restrictions: {
      type: 'string',
      nullable: true,
      enum: ['discontd', 'tmpunavail', ''],
      description: '`discontd` (discontinued) or `tmpunavail` (temporarily unavailable); `""` or `null` clears the restriction.',
    },
  },
  example: { sku_id: 'xkuOwSQ3utl', quantity_in_stock: 3 },
};

/** Crux's success answer. */
export const CRUX_SUCCESS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: { message: { type: 'string', example: 'success' } },
};

/** Crux's error answer (Tally adds `code` and `errors` to Crux's `status_code` and `message`). */
export const CRUX_ERROR_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    status_code: { type: 'integer', example: 404 },
    message: { type: 'string', example: 'No sku found with sku identifier sku_id xkuOwSQ3utl; valid identifiers are sku_id, upca, ean13, gtin14, isbn' },
    code: { type: 'string', example: CruxErrorCodes.skuNotFound },
    errors: { type: 'array', items: { type: 'object', properties: { field: { type: 'string' }, message: { type: 'string' } } } },
  },
};

/** The bulk answer: one element per request element, in order. */
export const CRUX_BULK_ANSWER_SCHEMA: SchemaObject = {
  type: 'array',
  items: { type: 'object', properties: { status_code: { type: 'integer', example: 200 }, message: { type: 'string', example: 'success' } } },
};

/** The login request and answer. */
export const CRUX_LOGIN_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['username', 'password'],
  additionalProperties: false,
  properties: {
    username: { type: 'string', description: "The Crux connection's credentialId." },
    password: { type: 'string', description: "The Crux connection's secret." },
  },
};

/** The token Crux clients send as `Authorization: Token <auth_token>` for two hours. */
export const CRUX_TOKEN_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    auth_token: { type: 'string' },
    expires_in: { type: 'integer', example: 7200 },
    expires_at: { type: 'string', format: 'date-time' },
  },
};
