import { EnvReader } from '@tally/platform-node';

/** Settings of the channel dispatcher, read from the environment (defaults in brackets; docs/channels.md). */
export class ChannelsConfig {
  constructor(
    /** CHANNELS_DISPATCHER [on]: `off` keeps this process from sending to channels (HTTP-only processes). */
    readonly dispatcherEnabled: boolean,
    /** CHANNELS_LOOPS [2]: dispatch loops of this process (each serves one channel at a time). */
    readonly loops: number,
    /** CHANNELS_POLL_MS [100]: how often an idle loop looks for due work it was not woken for (other processes' and threads' writes, retries coming due; ADR 0050). */
    readonly pollMs: number,
    /** CHANNELS_LEASE_SECONDS [60]: how long a dead dispatcher's channel waits before another takes it over. */
    readonly leaseSeconds: number,
    /** CHANNELS_SEND_TIMEOUT_MS [30000]: the longest one request to a channel may take. */
    readonly sendTimeoutMs: number,
    /** CHANNELS_MAX_ATTEMPTS [12]: transient failures of an item before it is dead-lettered. */
    readonly maxAttempts: number,
    /** CHANNELS_BACKOFF_BASE_MS [1000]: the first retry delay, doubled with each attempt. */
    readonly backoffBaseMs: number,
    /** CHANNELS_BACKOFF_CAP_MS [900000]: the longest retry delay. */
    readonly backoffCapMs: number,
    /** CHANNELS_JOB_POLL_MS [500]: how often a connector polls a vendor's asynchronous job (Kibo). */
    readonly jobPollMs: number,
  ) {}
}

/**
 * Reads the dispatcher settings.
 * @throws Error naming every invalid variable.
 */
export function loadChannelsConfig(env: NodeJS.ProcessEnv): ChannelsConfig {
  const read = new EnvReader(env);
  const config = new ChannelsConfig(
    read.onOff('CHANNELS_DISPATCHER', true),
    read.int('CHANNELS_LOOPS', 2, 1, 64),
    read.int('CHANNELS_POLL_MS', 100, 10, 60_000),
    read.int('CHANNELS_LEASE_SECONDS', 60, 1, 86_400),
    read.int('CHANNELS_SEND_TIMEOUT_MS', 30_000, 100, 600_000),
    read.int('CHANNELS_MAX_ATTEMPTS', 12, 1, 1000),
    read.int('CHANNELS_BACKOFF_BASE_MS', 1000, 1, 3_600_000),
    read.int('CHANNELS_BACKOFF_CAP_MS', 900_000, 1, 86_400_000),
    read.int('CHANNELS_JOB_POLL_MS', 500, 10, 60_000),
  );
  read.check('channel settings');
  return config;
}
