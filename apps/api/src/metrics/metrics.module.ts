import { Global, Module } from '@nestjs/common';
import { ConnectionActivityRecorder, StockWriteObserver } from '@tally/inventory-application';
import { PersistenceHandle } from '../platform/persistence.handle';
import { loadMetricsConfig, MetricsConfig } from './metrics.config';
import { MetricsHttpController } from './metrics.http.controller';
import { MetricsPortServer } from './metrics-port.server';
import { MetricsRegistry } from './metrics.registry';

/** Metrics (docs/operations.md): one registry per process, served on the main port with a key or on a port of its own. */
@Global()
@Module({
  controllers: [MetricsHttpController],
  providers: [
    { provide: MetricsConfig, useFactory: () => loadMetricsConfig(process.env) },
    {
      provide: MetricsRegistry,
      useFactory: (persistence: PersistenceHandle) =>
        new MetricsRegistry(persistence.operationalFigures, persistence.databaseKind === 'sqlite' ? 'sqlite' : 'postgres'),
      inject: [PersistenceHandle],
    },
    {
      provide: StockWriteObserver,
      // Each committed batch counts in the metrics and, with its connection, in that connection's activity (ADR 0063).
      useFactory: (metrics: MetricsRegistry, activity: ConnectionActivityRecorder): StockWriteObserver => ({
        committed: (d, c, batch) => {
          metrics.committed(d, c);
          if (batch) activity.batchCommitted(batch);
        },
      }),
      inject: [MetricsRegistry, ConnectionActivityRecorder],
    },
    {
      provide: MetricsPortServer,
      useFactory: (config: MetricsConfig, metrics: MetricsRegistry) => new MetricsPortServer(config, metrics),
      inject: [MetricsConfig, MetricsRegistry],
    },
  ],
  exports: [MetricsRegistry, StockWriteObserver],
})
export class MetricsModule {}
