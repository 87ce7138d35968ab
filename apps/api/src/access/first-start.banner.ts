/** What the first start created, if anything. */
export type FirstStart = { created: false; suppliedKeyFound?: boolean } | { created: true; tenantId: string; adminKey: string };

/** What the banner says besides the first start. */
export interface BannerOptions {
  /** The admin key came from TALLY_ADMIN_KEY (never echoed). */
  readonly keySupplied: boolean;
  /** The operator console was built, so the API serves it at /admin. */
  readonly console: boolean;
}

/**
 * The lines printed once the server listens. The admin key is printed only on the start
 * that created it, and only when it was generated: a key supplied through TALLY_ADMIN_KEY
 * is never echoed.
 */
export function startBanner(baseUrl: string, firstStart: FirstStart, options: BannerOptions): string {
  const consoleUrl = `${baseUrl}/admin`;
  const lines = [
    `Tally API listening on ${baseUrl}`,
    `  Console: ${options.console ? consoleUrl : 'not built (npm start builds it, or npx nx build admin)'}`,
    `  API:     ${baseUrl}/api/v1`,
    `  Docs:    ${baseUrl}/docs`,
    `  Health:  ${baseUrl}/health`,
  ];
  if (firstStart.created) {
    lines.push('', `First start: created tenant ${firstStart.tenantId}.`);
    if (options.keySupplied) {
      lines.push('Its admin API key is the one given in TALLY_ADMIN_KEY.');
      if (options.console) lines.push(`Sign in to the console at ${consoleUrl} with it.`);
    } else {
      lines.push(
        'Admin API key (shown this once; Tally keeps only its hash):',
        '',
        `  ${firstStart.adminKey}`,
        '',
        ...(options.console ? [`Sign in to the console at ${consoleUrl} with it, or`] : []),
        `use it as: curl -H "Authorization: Bearer <key>" ${baseUrl}/api/v1/items`,
      );
    }
  } else if (firstStart.suppliedKeyFound === false) {
    // Never the key itself: only that it does not work here, and the likely reasons.
    lines.push(
      '',
      'TALLY_ADMIN_KEY matches no active key of this database: it was revoked, or it was stored under another',
      'secrets key (every process of a deployment needs the same SECRETS_KEY or SECRETS_KEY_FILE, ADR 0045).',
    );
  }
  return lines.join('\n') + '\n';
}

/** The URL clients use for a listening address (a wildcard host is reached as localhost). */
export function baseUrlOf(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? 'localhost' : host.includes(':') ? `[${host}]` : host;
  return `http://${reachable}:${port}`;
}
