/** Each tenant's request rate (ADR 0044): a token bucket per tenant in each API process. */
export class TenantRateSettings {
  constructor(
    /** Requests per second a tenant's bucket refills with (TENANT_REQUEST_RATE). */
    readonly perSecond = 5000,
    /** Requests a tenant may send at once after a quiet spell: the bucket's size (TENANT_REQUEST_BURST). */
    readonly burst = 10000,
  ) {}
}

/**
 * Defaults of the tenant rate variables: above what one busy vendor sends to one process, yet
 * about half of what a two-core process answers at best (Crux single-SKU pushes reach about
 * 10,000 calls a second in `bench:push`, which lifts the limit), so one tenant's flood leaves room
 * for the others. Raise them for a process that serves one tenant; lower them where many share it.
 */
export const TENANT_RATE_DEFAULTS = { TENANT_REQUEST_RATE: '5000', TENANT_REQUEST_BURST: '10000' } as const;

/** Reads TENANT_REQUEST_RATE and TENANT_REQUEST_BURST; each problem is added to `problems`. */
export function readTenantRate(env: NodeJS.ProcessEnv, problems: string[]): TenantRateSettings {
  const integer = (name: keyof typeof TENANT_RATE_DEFAULTS): number => {
    const text = env[name]?.trim() || TENANT_RATE_DEFAULTS[name];
    const value = /^\d{1,7}$/.test(text) ? Number(text) : NaN;
    if (value >= 1 && value <= 1_000_000) return value;
    problems.push(`${name} must be an integer from 1 to 1000000, got "${text}"`);
    return Number(TENANT_RATE_DEFAULTS[name]);
  };
  const perSecond = integer('TENANT_REQUEST_RATE');
  const burst = integer('TENANT_REQUEST_BURST');
  if (burst < perSecond) problems.push(`TENANT_REQUEST_BURST (${burst}) must be at least TENANT_REQUEST_RATE (${perSecond})`);
  return new TenantRateSettings(perSecond, burst);
}
