import type { ConnectionRules, LocationRules } from '../model/location-policy.value-object';
import type { Observation } from '../model/observation.entity';
import { sourceMillis } from './source-time.rule';

/**
 * Picks the observation a location's level follows (DESIGN.md §4.7), or null when the
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
    case 'priority':
      return [...observations].sort(
        (a, b) =>
          (connections.get(b.connectionId)?.priority ?? 0) - (connections.get(a.connectionId)?.priority ?? 0) ||
          newestFirst(a, b),
      )[0];
    case 'latest':
      return [...observations].sort(newestFirst)[0];
  }
}

function newestFirst(a: Observation, b: Observation): number {
  const bysource = (sourceMillis(b.sourceTimestamp) ?? -Infinity) - (sourceMillis(a.sourceTimestamp) ?? -Infinity);
  if (bysource !== 0 && !Number.isNaN(bysource)) return bysource;
  return Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (a.connectionId < b.connectionId ? -1 : 1);
}
