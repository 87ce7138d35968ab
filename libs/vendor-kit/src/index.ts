export * from './dialect.descriptor';
export * from './dialect-url.util';
export * from './dialect-options.checker';
export * from './dialect-descriptor.checker';
