import type { OutboundSchema } from '@tally/vendor-kit';
import { WEBHOOK_SECRET_PATTERN } from './webhook-secret.util';
import { WEBHOOK_FEED_TYPES } from './webhook-event.model';

/** A path appended to the subscriber's URL: starts with `/`, no query, fragment or spaces. */
export const WEBHOOK_PATH_PATTERN = '^/[^?#\\s]*$';

/** Settings of a webhook channel (not secret). */
export const webhookSettingsSchema: OutboundSchema = {
  type: 'object',
  properties: {
    path: {
      type: 'string',
      pattern: WEBHOOK_PATH_PATTERN,
      description: "Appended to the channel's URL (the subscriber's endpoint); absent: the URL itself.",
    },
    lowStockAt: {
      type: 'integer',
      minimum: 0,
      description: 'Low-stock alerts: items whose figure falls to this many units or fewer also get an `inventory.low_stock` event. Absent: no alerts.',
    },
    events: {
      type: 'array',
      items: { type: 'string', enum: WEBHOOK_FEED_TYPES },
      maxItems: WEBHOOK_FEED_TYPES.length,
      description:
        'Events sent besides the figures, each as it happens: `inventory.level.changed` (every change of a level, before and after), `discrepancy.opened`, `job.finished`. Absent: none.',
    },
  },
  required: [],
  additionalProperties: false,
};

/** Credentials of a webhook channel: the signing secret, and the previous one while rotating. */
export const webhookCredentialsSchema: OutboundSchema = {
  type: 'object',
  properties: {
    secret: {
      type: 'string',
      pattern: WEBHOOK_SECRET_PATTERN,
      description: 'Signing secret shared with the subscriber: "whsec_" and the base64 of 24 to 64 random bytes.',
    },
    previousSecret: {
      type: 'string',
      pattern: WEBHOOK_SECRET_PATTERN,
      description: 'While rotating: the secret being retired. Each message is signed with both until the subscriber has the new one.',
    },
  },
  required: ['secret'],
  additionalProperties: false,
};
