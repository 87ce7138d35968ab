import type { SchemaObject } from '@nestjs/swagger/dist/interfaces/open-api-spec.interface';

const integer = { type: 'integer' } as const;
const text = { type: 'string' } as const;

/** The request body of inventory_push v1, both shapes (documentation only: the lib validates). */
export const RETAILOPS_PUSH_SCHEMA: SchemaObject = {
  type: 'object',
  required: ['action', 'version'],
  properties: {
    integration_auth_token: { type: 'string', description: '<credentialId>.<secret>, or RETAILOPS_SDK in test mode' },
    action: { type: 'string', enum: ['inventory_push'] },
    version: { type: 'integer', enum: [1] },
    client_id: { ...integer, description: 'SDK shape' },
    channel_info: { type: 'object', properties: { id: integer }, description: 'SDK shape' },
    inventory_updates: {
      type: 'array',
      maxItems: 100000,
      description: 'SDK shape; each SKU is a snapshot of its availability (places left out are zeroed)',
      items: {
        type: 'object',
        required: ['sku', 'quantity_available'],
        properties: {
          sku: text,
          quantity_available: { ...integer, description: 'available to this channel (net of reservations); negative when oversold (sells 0)' },
          quantity_detail: {
            type: 'array',
            items: {
              type: 'object',
              required: ['quantity_type'],
              properties: {
                quantity_type: { type: 'string', enum: ['internal', 'external', 'inflight'] },
                estimated_availability_date: text,
                available_quantity: integer,
                total_quantity: integer,
                vendor_name: text,
                po: text,
                po_destination: text,
                facility_name: text,
              },
            },
          },
        },
      },
    },
    data: {
      type: 'object',
      description: 'Documented shape: client_id, channel.id and one SKU under inventory.data',
      properties: {
        client_id: integer,
        channel: { type: 'object', properties: { id: integer } },
        inventory: { type: 'object', properties: { data: { type: 'object' } } },
      },
    },
  },
};

/** `{"events": [...]}`, in either shape's field names. */
export const RETAILOPS_EVENTS_SCHEMA: SchemaObject = {
  type: 'object',
  properties: {
    events: {
      type: 'array',
      items: {
        type: 'object',
        description:
          'SDK shape: event_type, code, message, diagnostic_data (string), associations[{identifier_type, identifier}]. ' +
          'Documented shape: status, error_code, error_message, diagnostic_data (array), associations[{type, identity}].',
        additionalProperties: true,
      },
    },
  },
};
