import { EnvReader } from '@tally/platform-node';

/** Settings of the periodic purge, read from the environment (defaults in brackets). */
export class HousekeepingConfig {
  constructor(
    /** HOUSEKEEPING_INTERVAL_SECONDS [3600]: how often expired idempotency records and access tokens are deleted; 0 never. */
    readonly intervalSeconds: number,
  ) {}
}

/**
 * Reads the housekeeping settings.
 * @throws Error naming the invalid variable.
 */
export function loadHousekeepingConfig(env: NodeJS.ProcessEnv): HousekeepingConfig {
  const read = new EnvReader(env);
  const config = new HousekeepingConfig(read.int('HOUSEKEEPING_INTERVAL_SECONDS', 3600, 0, 604_800));
  read.check('housekeeping settings');
  return config;
}
