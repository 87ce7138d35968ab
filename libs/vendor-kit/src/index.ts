export * from './dialect.descriptor';
export * from './dialect-url.util';
export * from './dialect-options.checker';
