import { EnvReader } from '@tally/platform-node';
import { DEFAULT_KIBO_SETTINGS, KIBO_TOKEN_TTL_SECONDS, type KiboSettings } from '@tally/vendor-kibo';

/** Settings of the Kibo routes, from the environment (defaults in brackets). */
export class KiboConfig implements KiboSettings {
  constructor(
    /** KIBO_REFRESH_MAX_ITEMS [12000] */
    readonly refreshMaxItems: number,
    /** KIBO_ADJUST_MAX_ITEMS [1000] */
    readonly adjustMaxItems: number,
    /** KIBO_TOKEN_TTL_SECONDS [3600]: lifetime of the bearer tokens. */
    readonly tokenTtlSeconds: number,
  ) {}
}

/**
 * Reads the Kibo settings.
 * @throws Error naming every invalid variable.
 */
export function loadKiboConfig(env: NodeJS.ProcessEnv): KiboConfig {
  const read = new EnvReader(env);
  const config = new KiboConfig(
    read.int('KIBO_REFRESH_MAX_ITEMS', DEFAULT_KIBO_SETTINGS.refreshMaxItems, 1, 1_000_000),
    read.int('KIBO_ADJUST_MAX_ITEMS', DEFAULT_KIBO_SETTINGS.adjustMaxItems, 1, 1_000_000),
    read.int('KIBO_TOKEN_TTL_SECONDS', KIBO_TOKEN_TTL_SECONDS, 1, 86_400),
  );
  read.check('Kibo settings');
  return config;
}
