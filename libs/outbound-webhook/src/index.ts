export * from './webhook-secret.util';
export * from './standard-webhook.signature';
export * from './webhook-event.model';
export * from './webhook-message-id.util';
export * from './webhook-event.sender';
export * from './webhook-outbound.schemas';
export * from './webhook-outbound.connector';
export * from './webhook-event.feed';
