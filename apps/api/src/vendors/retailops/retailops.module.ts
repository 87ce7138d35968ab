import { createHash } from 'node:crypto';
import { Module, type OnModuleInit } from '@nestjs/common';
import { ApplyStockBatch, ConnectionRepository, ManageConnections } from '@tally/inventory-application';
import { RetailopsPushHandler } from '@tally/vendor-retailops';
import { DialectErrorRegistry } from '../../http/dialects/dialect-error.registry';
import { RetailopsConnectionsHttpController } from './retailops-connections.http.controller';
import { RetailopsErrorDialectRenderer } from './retailops-error.dialect-renderer';
import { RetailopsPushHttpController } from './retailops-push.http.controller';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The RetailOPS dialect: its webhook under /retailops/, its error shape there, and its setup route. */
@Module({
  controllers: [RetailopsPushHttpController, RetailopsConnectionsHttpController],
  providers: [
    {
      provide: RetailopsPushHandler,
      useFactory: (apply: ApplyStockBatch, connections: ManageConnections, repository: ConnectionRepository) =>
        new RetailopsPushHandler(apply, connections, repository, sha256),
      inject: [ApplyStockBatch, ManageConnections, ConnectionRepository],
    },
  ],
})
export class RetailopsModule implements OnModuleInit {
  constructor(private readonly dialects: DialectErrorRegistry) {}

  onModuleInit(): void {
    this.dialects.register(new RetailopsErrorDialectRenderer());
  }
}
