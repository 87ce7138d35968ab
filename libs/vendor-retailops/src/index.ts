export * from './retailops-push.model';
export * from './retailops-field.reader';
export * from './retailops-envelope.parser';
export * from './retailops-sku.parser';
export * from './retailops-inventory.mapper';
export * from './retailops-events.renderer';
export * from './retailops-credentials.parser';
export * from './retailops-push.handler';
