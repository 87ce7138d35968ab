export * from './model/tenancy.model';
export * from './model/catalog.model';
export * from './model/item-identifier.model';
export * from './model/identity-discrepancy.model';
export * from './errors/application-error';
export * from './ports';
export * from './use-cases';
export * from './model/channel.model';
