export * from './fakes/basic-fakes';
export * from './fakes/in-memory-catalog.fake';
export * from './fakes/in-memory-items.fake';
export * from './fakes/in-memory-tenancy.fake';
export * from './fakes/in-memory-inventory.fake';
export * from './fakes/in-memory-reader.fake';
export * from './fakes/in-memory-tally.fake';
export * from './fakes/in-memory-job-queue.fake';
