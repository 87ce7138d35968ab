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
 * Defaults of the tenant rate variables: above what one busy tenant's vendor sends to one process
 * (Crux pushes reach a few thousand calls a second), so the limit stops a flood, not a healthy
 * client; lower them where many tenants share a process.
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
