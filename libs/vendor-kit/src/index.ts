export * from './dialect.descriptor';
export * from './dialect-url.util';
