import { EnvReader } from '../../config/env.reader';
import { DEFAULT_KIBO_SETTINGS, KIBO_TOKEN_TTL_SECONDS, type KiboSettings } from '@tally/vendor-kibo';

/**
 * Default body limit of the refresh routes: 12,000 items with every field filled and a few
 * dozen short attributes each stay well under it (about 2.8 KB per item).
 */
export const KIBO_REFRESH_BODY_LIMIT = 32 * 1024 * 1024;

/** The refresh routes, which get KIBO_REFRESH_BODY_LIMIT instead of BODY_LIMIT. */
export const KIBO_REFRESH_ROUTES = ['/kibo/api/v5/inventory/refresh', '/kibo/inv/api/v5/inventory/refresh'] as const;

/** Settings of the Kibo routes, from the environment (defaults in brackets). */
export class KiboConfig implements KiboSettings {
  constructor(
    /** KIBO_REFRESH_MAX_ITEMS [12000] */
    readonly refreshMaxItems: number,
    /** KIBO_ADJUST_MAX_ITEMS [1000] */
    readonly adjustMaxItems: number,
    /** KIBO_TOKEN_TTL_SECONDS [3600]: lifetime of the bearer tokens. */
    readonly tokenTtlSeconds: number,
    /** KIBO_REFRESH_BODY_LIMIT [32mb]: largest refresh body; other routes keep BODY_LIMIT. */
    readonly refreshBodyLimit: number,
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
    read.size('KIBO_REFRESH_BODY_LIMIT', KIBO_REFRESH_BODY_LIMIT, 1024, 512 * 1024 * 1024),
  );
  read.check('Kibo settings');
  return config;
}
