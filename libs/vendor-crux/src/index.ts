export * from './crux-inventory.model';
export * from './crux-inventory.parser';
export * from './crux-request.parser';
export * from './crux-inventory.mapper';
export * from './crux-answer.renderer';
export * from './crux-framework-error.renderer';
export * from './crux-inventory.handler';
export * from './crux-batch.coalescer';
