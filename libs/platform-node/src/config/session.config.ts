/** The console sessions' limits (docs/security.md, "Console sessions"). */
export class SessionSettings {
  constructor(
    /** A session unused this long ends (SESSION_IDLE_MINUTES). */
    readonly idleMs = 30 * 60_000,
    /** A session ends this long after sign-in, however used (SESSION_MAX_HOURS). */
    readonly maxAgeMs = 12 * 3_600_000,
    /** Live sessions per API key; a sign-in beyond ends that key's oldest (SESSION_MAX_PER_KEY). */
    readonly maxPerKey = 20,
    /** Live sessions per tenant; a sign-in beyond ends that tenant's oldest (SESSION_MAX_PER_TENANT). */
    readonly maxPerTenant = 200,
    /** Sign-ins per minute with one API key (SIGN_IN_LIMIT_PER_KEY). */
    readonly signInsPerKey = 10,
    /** Sign-ins per minute from one client address (SIGN_IN_LIMIT_PER_ADDRESS). */
    readonly signInsPerAddress = 60,
  ) {}
}

/** Defaults of the session variables. */
export const SESSION_DEFAULTS = {
  SESSION_IDLE_MINUTES: '30',
  SESSION_MAX_HOURS: '12',
  SESSION_MAX_PER_KEY: '20',
  SESSION_MAX_PER_TENANT: '200',
  SIGN_IN_LIMIT_PER_KEY: '10',
  SIGN_IN_LIMIT_PER_ADDRESS: '60',
} as const;

/**
 * Reads the session variables; each problem is added to `problems`. The timeouts take decimals
 * (`0.05` minutes is 3 seconds), so tests can watch a session end.
 */
export function readSessionSettings(env: NodeJS.ProcessEnv, problems: string[]): SessionSettings {
  const read = (name: keyof typeof SESSION_DEFAULTS): string => env[name]?.trim() || SESSION_DEFAULTS[name];
  const decimal = (name: keyof typeof SESSION_DEFAULTS, max: number): number => {
    const value = /^\d{1,6}(\.\d{1,6})?$/.test(read(name)) ? Number(read(name)) : NaN;
    if (value > 0 && value <= max) return value;
    problems.push(`${name} must be a number above 0 and at most ${max}, got "${read(name)}"`);
    return Number(SESSION_DEFAULTS[name]);
  };
  const integer = (name: keyof typeof SESSION_DEFAULTS, max: number): number => {
    const value = /^\d{1,9}$/.test(read(name)) ? Number(read(name)) : NaN;
    if (value >= 1 && value <= max) return value;
    problems.push(`${name} must be an integer from 1 to ${max}, got "${read(name)}"`);
    return Number(SESSION_DEFAULTS[name]);
  };
  return new SessionSettings(
    decimal('SESSION_IDLE_MINUTES', 7 * 24 * 60) * 60_000,
    decimal('SESSION_MAX_HOURS', 30 * 24) * 3_600_000,
    integer('SESSION_MAX_PER_KEY', 100_000),
    integer('SESSION_MAX_PER_TENANT', 1_000_000),
    integer('SIGN_IN_LIMIT_PER_KEY', 1_000_000),
    integer('SIGN_IN_LIMIT_PER_ADDRESS', 1_000_000),
  );
}
