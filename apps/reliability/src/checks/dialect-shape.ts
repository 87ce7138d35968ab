/** Whether a refusal on `path` has the error shape of the path's dialect (a path of no dialect: the canonical problem). */
export function inDialectOf(path: string): (status: number, body: unknown, contentType: string) => boolean {
  const b = (body: unknown) => (body ?? {}) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  if (path.startsWith('/kibo/oauthserver/')) return (_s, body) => typeof b(body).error === 'string';
  if (path.startsWith('/kibo/')) return (s, body) => b(body).status === s;
  if (path.startsWith('/crux/')) return (s, body) => b(body).status_code === s && Array.isArray(b(body).errors);
  if (path.startsWith('/comestri/')) return (s, body) => b(body).status === s && typeof b(body).code === 'string';
  if (path.startsWith('/marketplacer/')) return (s, body) => b(body).errors?.[0]?.status === String(s);
  // An error event of either shape: the SDK's (`event_type`) or the document's (`status`).
  if (path.startsWith('/retailops/'))
    return (_s, body) => Array.isArray(b(body).events) && [b(body).events[0]?.event_type, b(body).events[0]?.status].includes('error');
  return (s, body, type) => type.startsWith('application/problem+json') && b(body).status === s && typeof b(body).code === 'string';
}
