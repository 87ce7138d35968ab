import { Global, Module, type DynamicModule } from '@nestjs/common';
import { ConnectionDialects } from '@tally/inventory-application';
import { DialectCatalog } from './dialect.catalog';
import { DialectsHttpController } from './dialects.http.controller';
import type { InstalledDialect } from './installed-dialects.list';

/**
 * Mounts the installed dialects' modules and shares their catalog: with the exception filter
 * (error shapes), the connection use cases (names and options) and `GET /api/v1/dialects`.
 */
@Global()
@Module({})
export class DialectsModule {
  static forRoot(installed: readonly InstalledDialect[], catalog: DialectCatalog): DynamicModule {
    return {
      module: DialectsModule,
      imports: installed.flatMap((dialect) => (dialect.module ? [dialect.module] : [])),
      controllers: [DialectsHttpController],
      providers: [
        { provide: DialectCatalog, useValue: catalog },
        { provide: ConnectionDialects, useExisting: DialectCatalog },
      ],
      exports: [DialectCatalog, ConnectionDialects],
    };
  }
}
