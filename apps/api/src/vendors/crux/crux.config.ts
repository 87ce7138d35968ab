import { CRUX_TOKEN_TTL_SECONDS } from '@tally/vendor-crux';
import { EnvReader } from '@tally/platform-node';

/** Settings of the Crux routes, from the environment (defaults in brackets). */
export class CruxConfig {
  constructor(
    /** CRUX_WRITE_THREAD [on]: Crux updates are checked and written on a thread of their own (ADR 0026). */
    readonly writeThread: boolean,
    /** CRUX_TOKEN_TTL_SECONDS [7200, Crux's own]: lifetime of the `auth_token` a login answers. */
    readonly tokenTtlSeconds: number,
  ) {}
}

/**
 * Reads the Crux settings.
 * @throws Error naming every invalid variable.
 */
export function loadCruxConfig(env: NodeJS.ProcessEnv): CruxConfig {
  const read = new EnvReader(env);
  const config = new CruxConfig(read.onOff('CRUX_WRITE_THREAD', true), read.int('CRUX_TOKEN_TTL_SECONDS', CRUX_TOKEN_TTL_SECONDS, 1, 86_400));
  read.check('Crux settings');
  return config;
}
