export * from './model/tenancy.model';
export * from './model/catalog.model';
export * from './errors/application-error';
export * from './ports';
export * from './use-cases';
