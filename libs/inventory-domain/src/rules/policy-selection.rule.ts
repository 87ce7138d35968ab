import type { ConnectionRules, LocationRules } from '../model/location-policy.value-object.js';
import type { Observation } from '../model/observation.entity.js';
import { sourceMillis } from './source-time.rule.js';

/**
 * Picks the observation a location's level follows (docs/multi-source.md), or null when the
 * location's policy names a source that has not reported.
 */
export function selectFollowedObservation(
  location: LocationRules,
  observations: readonly Observation[],
  connections: ReadonlyMap<string, ConnectionRules>,
): Observation | null {
  if (observations.length === 0) return null;
  switch (location.policy) {
    case 'single-source':
      return observations.find((o) => o.connectionId === location.sourceConnectionId) ?? null;
    case 'priority': {
      const order = location.priorityConnectionIds ?? [];
      const rank = (o: Observation): number => {
        const listed = order.indexOf(o.connectionId);
        return listed >= 0 ? listed : order.length;
      };
      return [...observations].sort(
        (a, b) => rank(a) - rank(b) || (connections.get(b.connectionId)?.priority ?? 0) - (connections.get(a.connectionId)?.priority ?? 0) || newestFirst(a, b),
      )[0];
    }
    case 'latest':
      return [...observations].sort(newestFirst)[0];
  }
}

/**
 * The location's rules once `connectionId` reports there: under `single-source` a location
 * without a source, or whose source was revoked, takes the reporter as its source.
 */
export function settleSingleSource(location: LocationRules, connectionId: string, connections: ReadonlyMap<string, ConnectionRules>): LocationRules {
  if (location.policy !== 'single-source' || location.sourceConnectionId === connectionId) return location;
  const source = location.sourceConnectionId;
  if (source !== null && connections.get(source)?.active !== false) return location;
  return { ...location, sourceConnectionId: connectionId };
}

/**
 * The observations that still speak for their connection: a revoked connection's last report is
 * neither followed nor claimed in a discrepancy (it can no longer correct it).
 */
export function currentObservations(observations: readonly Observation[], connections: ReadonlyMap<string, ConnectionRules>): Observation[] {
  return observations.filter((o) => connections.get(o.connectionId)?.active !== false);
}

// A report without a source time (Kibo, Crux, RetailOPS, Marketplacer send none) is as of when
// Tally received it; otherwise it could never be newer than one that carries a time.
const effectiveMillis = (o: Observation): number => sourceMillis(o.sourceTimestamp) ?? Date.parse(o.receivedAt);

function newestFirst(a: Observation, b: Observation): number {
  const bysource = effectiveMillis(b) - effectiveMillis(a);
  if (bysource !== 0 && !Number.isNaN(bysource)) return bysource;
  return Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (a.connectionId < b.connectionId ? -1 : 1);
}
