import type { ConnectionRules, LocationRules } from '../model/location-policy.value-object.js';
import { selectFollowedObservation } from './policy-selection.rule.js';
import { at, connectionRules, key, locationRules, observation } from './reconciler-test-state.spec-helper.js';

const k = key();
const connections = (...rules: ConnectionRules[]): ReadonlyMap<string, ConnectionRules> => new Map(rules.map((r) => [r.connectionId, r]));
const none = connections();

const pick = (location: LocationRules, obs: Parameters<typeof selectFollowedObservation>[1], conns = none) =>
  selectFollowedObservation(location, obs, conns)?.connectionId ?? null;

describe('selectFollowedObservation', () => {
  it('follows nothing when nobody reported', () => {
    for (const policy of ['single-source', 'priority', 'latest'] as const) {
      expect(selectFollowedObservation(locationRules('loc-1', policy, 'a'), [], none)).toBeNull();
    }
  });

  describe('single-source', () => {
    const a = observation('a', k, { figures: { onHand: 1 }, sourceTimestamp: at(1) });
    const b = observation('b', k, { figures: { onHand: 2 }, sourceTimestamp: at(9) });

    it('follows the designated connection, even when another reported later', () => {
      expect(pick(locationRules('loc-1', 'single-source', 'a'), [b, a])).toBe('a');
    });

    it('follows nothing while the designated connection has not reported', () => {
      expect(pick(locationRules('loc-1', 'single-source', 'c'), [a, b])).toBeNull();
    });

    it('follows nothing while no source is designated', () => {
      expect(pick(locationRules('loc-1', 'single-source', null), [a])).toBeNull();
    });
  });

  describe('priority', () => {
    const loc = locationRules('loc-1', 'priority');

    it('follows the highest-priority connection that reported, regardless of time', () => {
      const low = observation('low', k, { sourceTimestamp: at(9) });
      const high = observation('high', k, { sourceTimestamp: at(1) });
      const conns = connections(connectionRules('low', 1), connectionRules('high', 5));
      expect(pick(loc, [low, high], conns)).toBe('high');
      expect(pick(loc, [high, low], conns)).toBe('high');
    });

    it('skips a higher-priority connection that has not reported', () => {
      const conns = connections(connectionRules('top', 10), connectionRules('mid', 5), connectionRules('low', 1));
      expect(pick(loc, [observation('low', k), observation('mid', k)], conns)).toBe('mid');
    });

    it('treats an unknown connection as priority 0', () => {
      const conns = connections(connectionRules('neg', -1));
      expect(pick(loc, [observation('neg', k), observation('unknown', k)], conns)).toBe('unknown');
    });

    it('breaks a priority tie by the newest source time', () => {
      const conns = connections(connectionRules('a', 3), connectionRules('b', 3));
      const a = observation('a', k, { sourceTimestamp: at(5) });
      const b = observation('b', k, { sourceTimestamp: at(2) });
      expect(pick(loc, [b, a], conns)).toBe('a');
    });
  });

  describe('latest', () => {
    const loc = locationRules('loc-1', 'latest');

    it('follows the report with the newest source time, not the newest receipt', () => {
      const older = observation('a', k, { sourceTimestamp: at(1), receivedAt: at(100) });
      const newer = observation('b', k, { sourceTimestamp: at(2), receivedAt: at(50) });
      expect(pick(loc, [older, newer])).toBe('b');
      expect(pick(loc, [newer, older])).toBe('b');
    });

    it('takes a report without a source time as of its receipt', () => {
      const untimed = observation('a', k, { sourceTimestamp: null, receivedAt: at(100) });
      const timed = observation('b', k, { sourceTimestamp: at(1), receivedAt: at(1) });
      expect(pick(loc, [untimed, timed])).toBe('a');
      expect(pick(loc, [timed, untimed])).toBe('a');
      const future = observation('c', k, { sourceTimestamp: at(500), receivedAt: at(2) });
      expect(pick(loc, [untimed, future])).toBe('c');
    });

    it('falls back to the newest receipt when source times tie or are missing', () => {
      const a = observation('a', k, { sourceTimestamp: at(1), receivedAt: at(10) });
      const b = observation('b', k, { sourceTimestamp: at(1), receivedAt: at(20) });
      expect(pick(loc, [a, b])).toBe('b');
      const c = observation('c', k, { receivedAt: at(30) });
      const d = observation('d', k, { receivedAt: at(20) });
      expect(pick(loc, [d, c])).toBe('c');
    });

    it('breaks a full tie by connection id, whatever the input order', () => {
      const a = observation('a', k, { sourceTimestamp: at(1) });
      const b = observation('b', k, { sourceTimestamp: at(1) });
      expect(pick(loc, [a, b])).toBe(pick(loc, [b, a]));
    });

    it('does not reorder its input', () => {
      const obs = [observation('a', k, { sourceTimestamp: at(1) }), observation('b', k, { sourceTimestamp: at(2) })];
      selectFollowedObservation(loc, obs, none);
      expect(obs.map((o) => o.connectionId)).toEqual(['a', 'b']);
    });
  });
});
