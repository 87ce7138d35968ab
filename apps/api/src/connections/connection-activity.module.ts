import { Global, Module } from '@nestjs/common';
import { Clock, ConnectionActivityRecorder } from '@tally/inventory-application';
import { PersistenceHandle } from '../platform/persistence.handle';
import { ConnectionActivityFlusher } from './connection-activity.flusher';

/** Each connection's last seen time and last error, kept in memory per request and written every second (ADR 0063). */
@Global()
@Module({
  providers: [
    {
      provide: ConnectionActivityRecorder,
      useFactory: (persistence: PersistenceHandle, clock: Clock) => new ConnectionActivityRecorder(persistence.connectionActivity, clock),
      inject: [PersistenceHandle, Clock],
    },
    {
      provide: ConnectionActivityFlusher,
      useFactory: (recorder: ConnectionActivityRecorder, persistence: PersistenceHandle) =>
        new ConnectionActivityFlusher(recorder, persistence.connectionActivity),
      inject: [ConnectionActivityRecorder, PersistenceHandle],
    },
  ],
  exports: [ConnectionActivityRecorder],
})
export class ConnectionActivityModule {}
