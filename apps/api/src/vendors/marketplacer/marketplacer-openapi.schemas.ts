import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';
import { MarketplacerErrorCodes } from '@tally/vendor-marketplacer';

const INVENTORY_ATTRIBUTES: SchemaObject = {
  type: 'object',
  additionalProperties: false,
  properties: {
    count_on_hand: { type: 'integer', minimum: 0, description: 'On hand at the seller.' },
    price: { type: 'string', nullable: true, example: '27.38', description: "The seller's price (numbers accepted in requests)." },
    sale_price: { type: 'string', nullable: true, example: '21.99' },
    infinite: { type: 'boolean', description: 'Never sells out; the answer then shows only infinite and seller_id.' },
    seller_id: { type: 'integer', description: 'Required from the multi-store owner; a member may only name itself.' },
  },
};

const INVENTORY_RESOURCE: SchemaObject = {
  type: 'object',
  properties: { id: { type: 'integer', description: 'The seller id.' }, type: { type: 'string', enum: ['inventories'] }, attributes: INVENTORY_ATTRIBUTES },
};

/** The PUT request document. */
export const INVENTORY_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['data'],
  properties: { data: { type: 'array', minItems: 1, maxItems: 100, items: INVENTORY_RESOURCE } },
};

/** A page or the whole list of a variant's inventories. */
export const INVENTORIES_ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    data: { type: 'array', items: INVENTORY_RESOURCE },
    links: { type: 'object', properties: { next: { type: 'string' } }, description: 'Only when another page follows.' },
  },
};

/** The sellers of a multi-store. */
export const MEMBERSHIPS_ANSWER_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    data: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          id: { type: 'integer' },
          type: { type: 'string', enum: ['multi_store_memberships'] },
          attributes: { type: 'object', properties: { seller_id: { type: 'integer' }, seller_name: { type: 'string' } } },
        },
      },
    },
  },
};

/** A JSON:API error document. */
export const ERRORS_DOCUMENT_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    errors: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          status: { type: 'string', example: '422' },
          code: { type: 'string', example: MarketplacerErrorCodes.invalidDocument },
          title: { type: 'string' },
          detail: { type: 'string' },
          source: {
            type: 'object',
            properties: { pointer: { type: 'string', example: '/data/0/attributes/count_on_hand' }, parameter: { type: 'string' }, header: { type: 'string' } },
          },
        },
      },
    },
  },
};
