export * from './clock.port';
export * from './secret-hasher.port';
export * from './page.model';
export * from './tenancy-repository.port';
export * from './catalog-repository.port';
export * from './inventory-store.port';
export * from './inventory-reader.port';
export * from './access-token-repository.port';
