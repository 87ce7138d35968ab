import type { PurgeExpiredRecords, PurgeReport } from '@tally/inventory-application';
import { HousekeepingConfig, loadHousekeepingConfig } from './housekeeping.config';
import { HousekeepingService } from './housekeeping.service';

/** A purge that counts its runs and can be told to fail. */
function recordingPurge(fail = false) {
  const purge = {
    runs: 0,
    async execute(): Promise<PurgeReport> {
      purge.runs += 1;
      if (fail) throw new Error('database unreachable');
      return { idempotencyRecords: 3, accessTokens: 1, channelDeliveries: 0, consoleSessions: 0 };
    },
  };
  return purge;
}

describe('housekeeping', () => {
  afterEach(() => jest.useRealTimers());

  it('reads HOUSEKEEPING_INTERVAL_SECONDS with an hourly default, 0 to switch it off, and names a bad value', () => {
    expect(loadHousekeepingConfig({}).intervalSeconds).toBe(3600);
    expect(loadHousekeepingConfig({ HOUSEKEEPING_INTERVAL_SECONDS: '0' }).intervalSeconds).toBe(0);
    expect(() => loadHousekeepingConfig({ HOUSEKEEPING_INTERVAL_SECONDS: 'hourly' })).toThrow(/HOUSEKEEPING_INTERVAL_SECONDS must be an integer/);
  });

  it('purges once per interval after boot and stops at shutdown', async () => {
    jest.useFakeTimers();
    const purge = recordingPurge();
    const service = new HousekeepingService(purge as unknown as PurgeExpiredRecords, new HousekeepingConfig(60));
    service.onApplicationBootstrap();
    expect(purge.runs).toBe(0);
    await jest.advanceTimersByTimeAsync(60_000);
    expect(purge.runs).toBe(1);
    await jest.advanceTimersByTimeAsync(120_000);
    expect(purge.runs).toBe(3);
    await service.beforeApplicationShutdown();
    await jest.advanceTimersByTimeAsync(600_000);
    expect(purge.runs).toBe(3);
  });

  it('never runs when switched off, and keeps going after a failed purge', async () => {
    jest.useFakeTimers();
    const off = recordingPurge();
    new HousekeepingService(off as unknown as PurgeExpiredRecords, new HousekeepingConfig(0)).onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(7_200_000);
    expect(off.runs).toBe(0);
    const failing = recordingPurge(true);
    const service = new HousekeepingService(failing as unknown as PurgeExpiredRecords, new HousekeepingConfig(1));
    service.onApplicationBootstrap();
    await jest.advanceTimersByTimeAsync(2_000);
    expect(failing.runs).toBe(2);
    await service.beforeApplicationShutdown();
  });
});
