/**
 * Builds a route's URL from the server's base URL and a path template, filling `{name}`
 * parameters. A parameter without a value stays as `{name}`, so a guide never shows an
 * address with an empty segment (`/organizations//inventory`) that answers 404.
 */
export function dialectUrl(baseUrl: string, pathTemplate: string, params: Readonly<Record<string, string | number | null | undefined>> = {}): string {
  const path = pathTemplate.replace(/\{([A-Za-z0-9_]+)\}/g, (placeholder, name: string) => {
    const value = params[name];
    return value === undefined || value === null || String(value) === '' ? placeholder : encodeURIComponent(String(value));
  });
  return `${baseUrl.replace(/\/+$/, '')}${path}`;
}
