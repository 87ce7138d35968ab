export * from './dialect.descriptor';
export * from './dialect-url.util';
export * from './vendor-answer.model';
export * from './field-problem.model';
export * from './json-field.reader';
export * from './basic-credentials.parser';
export * from './token-credentials.parser';
export * from './canonical-error.codes';
