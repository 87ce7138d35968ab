export * from './kibo-inventory.parser';
export * from './kibo-job.mapper';
export * from './kibo-response.renderer';
export * from './kibo-inventory.handler';
export * from './kibo-token.handler';
export * from './kibo.dialect';
export * from './outbound/kibo-outbound.connector';
export * from './outbound/kibo-outbound.settings';
