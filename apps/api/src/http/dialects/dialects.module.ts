import { Global, Module } from '@nestjs/common';
import { DialectErrorRegistry } from './dialect-error.registry';

/** Shares the one registry of vendor error renderers with the filter and the vendor modules. */
@Global()
@Module({
  providers: [{ provide: DialectErrorRegistry, useValue: new DialectErrorRegistry() }],
  exports: [DialectErrorRegistry],
})
export class DialectsModule {}
