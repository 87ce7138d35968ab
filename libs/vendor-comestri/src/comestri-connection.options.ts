import type { Connection } from '@tally/inventory-application';

/** The connection option that lists the inventory sources a connection may write and read. */
export const ALLOWED_SOURCES_OPTION = 'allowedInventorySources';

/**
 * Whether a connection may use an inventory source, by name. `settings.options
 * .allowedInventorySources` is an array of names; absent means every source. A value of any
 * other shape allows nothing: a mistyped restriction must not open every source.
 */
export function allowsSource(connection: Connection, sourceName: string): boolean {
  const allowed = connection.settings.options?.[ALLOWED_SOURCES_OPTION];
  if (allowed === undefined || allowed === null) return true;
  return Array.isArray(allowed) && allowed.some((name) => name === sourceName);
}
