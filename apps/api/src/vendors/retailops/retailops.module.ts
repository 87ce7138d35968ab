import { createHash } from 'node:crypto';
import { Module } from '@nestjs/common';
import { StockBatchWriter, ConnectionRepository, ManageConnections } from '@tally/inventory-application';
import { RetailopsPushHandler } from '@tally/vendor-retailops';
import { RetailopsConnectionsHttpController } from './retailops-connections.http.controller';
import { RetailopsPushHttpController } from './retailops-push.http.controller';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** The RetailOPS dialect: its webhook under /retailops/, its error shape there, and its setup route. */
@Module({
  controllers: [RetailopsPushHttpController, RetailopsConnectionsHttpController],
  providers: [
    {
      provide: RetailopsPushHandler,
      useFactory: (apply: StockBatchWriter, connections: ManageConnections, repository: ConnectionRepository) =>
        new RetailopsPushHandler(apply, connections, repository, sha256),
      inject: [StockBatchWriter, ManageConnections, ConnectionRepository],
    },
  ],
})
export class RetailopsModule {}
