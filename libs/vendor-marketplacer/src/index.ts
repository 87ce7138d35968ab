export * from './marketplacer-error.model';
export * from './marketplacer-answer.renderer';
export * from './marketplacer-inventory.parser';
export * from './marketplacer-request.parser';
export * from './marketplacer-inventory.mapper';
export * from './marketplacer-multi-store.model';
export * from './marketplacer-rate.limiter';
export * from './marketplacer-inventories.handler';
