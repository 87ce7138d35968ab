export * from './stock-file.columns';
export * from './stock-file.importer';
export * from './stock-file.exporter';
export * from './csv-record.reader';
export * from './ndjson-record.reader';
export * from './text-chunks.util';
export * from './table-file.writer';
