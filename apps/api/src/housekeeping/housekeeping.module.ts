import { Module } from '@nestjs/common';
import { PurgeExpiredRecords } from '@tally/inventory-application';
import { HousekeepingConfig, loadHousekeepingConfig } from './housekeeping.config';
import { HousekeepingService } from './housekeeping.service';

/** Periodic deletion of what has expired (idempotency records, vendor access tokens). */
@Module({
  providers: [
    { provide: HousekeepingConfig, useFactory: () => loadHousekeepingConfig(process.env) },
    {
      provide: HousekeepingService,
      useFactory: (purge: PurgeExpiredRecords, config: HousekeepingConfig) => new HousekeepingService(purge, config),
      inject: [PurgeExpiredRecords, HousekeepingConfig],
    },
  ],
})
export class HousekeepingModule {}
