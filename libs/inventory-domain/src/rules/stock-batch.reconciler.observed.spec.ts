import { DomainErrorCodes } from '../common/domain-error.js';
import type { Discrepancy } from '../model/discrepancy.entity.js';
import { claimsOf } from './discrepancy.rule.js';
import { reconcileBatch } from './stock-batch.reconciler.js';
import {
  at,
  carryForward,
  connectionRules,
  ids,
  key,
  level,
  levelIn,
  line,
  locationRules,
  observation,
  observed,
  RECORDED_AT,
  setLine,
  state,
} from './reconciler-test-state.spec-helper.js';

/** Observed writes (connectionId set): each connection's report is kept; the level follows the policy. */
describe('reconcileBatch: observed writes', () => {
  const k = key('sku-1', 'wh-1');

  describe('observations', () => {
    it("records the connection's first report and the level follows it; the location's single source is settled", () => {
      const outcome = reconcileBatch(state(), [setLine(1, k, { onHand: 5 }, at(1))], observed('a'), ids());
      expect(outcome.results[0]?.status).toBe('applied');
      expect(outcome.observations).toEqual([observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(1), receivedAt: RECORDED_AT, staleCount: 0 })]);
      expect(outcome.changedLevels).toEqual([level(k, { figures: { onHand: 5 }, sourceTimestamp: at(1), version: 1 })]);
      expect(outcome.ledger[0]).toMatchObject({ connectionId: 'a', actor: 'connection:a', reference: 'msg-1', cause: 'set', lines: [1] });
      expect(outcome.locationUpdates).toEqual([locationRules('wh-1', 'single-source', 'a')]);
    });

    it('keeps one observation per connection and place, however many lines', () => {
      const lines = [setLine(1, k, { onHand: 5 }), setLine(2, k, { onHand: 6 }), setLine(3, key('sku-2', 'wh-1'), { onHand: 1 })];
      const outcome = reconcileBatch(state(), lines, observed('a'), ids());
      expect(outcome.observations.map((o) => [o.itemId, o.figures.onHand])).toEqual([
        ['sku-1', 6],
        ['sku-2', 1],
      ]);
      expect(outcome.ledger).toHaveLength(2);
      expect(outcome.results[1]?.warnings).toEqual([expect.objectContaining({ code: DomainErrorCodes.duplicateLine })]);
    });

    it('applies a write to the connection’s own observation, not to the level', () => {
      const before = state({
        levels: [level(k, { figures: { onHand: 50 } })],
        observations: [observation('a', k, { figures: { onHand: 50 } }), observation('b', k, { figures: { onHand: 10 } })],
        locations: [locationRules('wh-1', 'single-source', 'a')],
      });
      const adjust = line(1, k, { kind: 'adjust', figure: 'on_hand', delta: -3, allowNegative: false });
      const outcome = reconcileBatch(before, [adjust], observed('b'), ids());
      expect(outcome.observations[0]).toMatchObject({ connectionId: 'b', figures: { onHand: 7 } });
      expect(outcome.results[0]?.status).toBe('observed');
      expect(outcome.results[0]?.warnings).toEqual([expect.objectContaining({ code: DomainErrorCodes.observedNotApplied })]);
      expect(outcome.changedLevels).toEqual([]);
      expect(outcome.ledger).toEqual([]);
    });

    it('reports an unchanged re-delivery with no ledger entry and no version bump', () => {
      const before = state({
        levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(1), version: 3 })],
        observations: [observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(1) })],
        locations: [locationRules('wh-1', 'single-source', 'a')],
      });
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 5 }, at(1))], observed('a'), ids());
      expect(outcome.results[0]?.status).toBe('unchanged');
      expect(outcome.ledger).toEqual([]);
      expect(outcome.changedLevels).toEqual([]);
      expect(outcome.locationUpdates).toEqual([]);
    });

    it('conflicts on compare-and-set against the connection’s observation, reporting its value', () => {
      const before = state({ levels: [level(k, { figures: { onHand: 5 } })], observations: [observation('a', k, { figures: { onHand: 5 } })] });
      const cas = line(1, k, { kind: 'compare_and_set', figure: 'on_hand', expected: 4, value: 1 });
      const outcome = reconcileBatch(before, [cas], observed('a'), ids());
      expect(outcome.results[0]).toMatchObject({ status: 'conflict', current: 5 });
      expect(outcome.observations).toEqual([]);
    });

    it('follows a remove: no record, which differs from zero', () => {
      const before = state({
        levels: [level(k, { figures: { onHand: 5 } })],
        observations: [observation('a', k, { figures: { onHand: 5 } })],
        locations: [locationRules('wh-1', 'single-source', 'a')],
      });
      const outcome = reconcileBatch(before, [line(1, k, { kind: 'remove' })], observed('a'), ids());
      expect(outcome.observations[0]?.present).toBe(false);
      expect(outcome.changedLevels[0]).toMatchObject({ present: false, version: 2 });
      expect(outcome.ledger[0]?.cause).toBe('remove');
    });
  });

  describe('stale lines (per connection × item × location)', () => {
    const before = state({
      levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5) })],
      observations: [observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(5), staleCount: 2 })],
      locations: [locationRules('wh-1', 'single-source', 'a')],
    });

    it('are reported, not applied, and counted on the observation', () => {
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 1 }, at(4)), setLine(2, k, { onHand: 2 }, at(3))], observed('a'), ids());
      expect(outcome.results.map((r) => r.status)).toEqual(['stale', 'stale']);
      expect(outcome.results[0]?.error).toMatchObject({ code: DomainErrorCodes.staleUpdate, details: { lastApplied: at(5) } });
      expect(outcome.observations).toEqual([{ ...before.observations[0], staleCount: 4 }]);
      expect(outcome.changedLevels).toEqual([]);
      expect(outcome.ledger).toEqual([]);
    });

    it('keep the stale count when a later line applies', () => {
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 1 }, at(4)), setLine(2, k, { onHand: 9 }, at(6))], observed('a'), ids());
      expect(outcome.observations[0]).toMatchObject({ staleCount: 3, figures: { onHand: 9 }, sourceTimestamp: at(6) });
      expect(outcome.ledger[0]?.lines).toEqual([2]);
    });

    it("are judged against the connection's own last report, not another connection's", () => {
      const outcome = reconcileBatch(before, [setLine(1, k, { onHand: 7 }, at(1))], observed('b'), ids());
      expect(outcome.results[0]?.status).toBe('observed');
      expect(outcome.observations[0]).toMatchObject({ connectionId: 'b', sourceTimestamp: at(1), staleCount: 0 });
      const next = reconcileBatch(carryForward(before, outcome), [setLine(1, k, { onHand: 8 }, at(2))], observed('b'), ids());
      expect(next.results[0]?.status).toBe('observed');
    });
  });

  describe('location policies', () => {
    const two = (policy: 'single-source' | 'priority' | 'latest', source: string | null = null) =>
      state({
        levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(5) })],
        observations: [observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(5), receivedAt: at(5) })],
        locations: [locationRules('wh-1', policy, source)],
        connections: [connectionRules('a', 1), connectionRules('b', 2)],
      });

    it('single-source: another connection’s report is kept but not followed', () => {
      const outcome = reconcileBatch(two('single-source', 'a'), [setLine(1, k, { onHand: 9 }, at(9))], observed('b'), ids());
      expect(outcome.results[0]?.status).toBe('observed');
      expect(outcome.observations).toHaveLength(1);
      expect(outcome.changedLevels).toEqual([]);
      expect(outcome.locationUpdates).toEqual([]);
    });

    it('priority: the higher-priority connection wins even with an older report', () => {
      const outcome = reconcileBatch(two('priority'), [setLine(1, k, { onHand: 9 }, at(1))], observed('b'), ids());
      expect(outcome.changedLevels[0]).toMatchObject({ figures: { onHand: 9 }, sourceTimestamp: at(1) });
      const back = reconcileBatch(carryForward(two('priority'), outcome), [setLine(1, k, { onHand: 3 }, at(8))], observed('a'), ids());
      expect(back.changedLevels).toEqual([]);
    });

    it('single-source: a revoked source gives way to the next reporter', () => {
      const revoked = {
        ...two('single-source', 'a'),
        connections: new Map([
          ['a', { connectionId: 'a', priority: 1, active: false }],
          ['b', { connectionId: 'b', priority: 2 }],
        ]),
      };
      const outcome = reconcileBatch(revoked, [setLine(1, k, { onHand: 9 }, at(9))], observed('b'), ids());
      expect(outcome.results[0]?.status).toBe('applied');
      expect(outcome.locationUpdates).toEqual([{ locationId: 'wh-1', policy: 'single-source', sourceConnectionId: 'b' }]);
      // The revoked connection's last report is no longer a claim: nothing disagrees.
      expect(outcome.openedDiscrepancies).toEqual([]);
    });

    it('latest: a revoked connection’s newer report is not followed', () => {
      const base = two('latest');
      const revoked = {
        ...base,
        connections: new Map([
          ['a', { connectionId: 'a', priority: 1, active: false }],
          ['b', { connectionId: 'b', priority: 2 }],
        ]),
      };
      const outcome = reconcileBatch(revoked, [setLine(1, k, { onHand: 9 }, at(1))], observed('b'), ids());
      expect(outcome.results[0]?.status).toBe('applied');
      expect(outcome.changedLevels[0]).toMatchObject({ figures: { onHand: 9 } });
    });

    it('latest: the newest source time wins', () => {
      const outcome = reconcileBatch(two('latest'), [setLine(1, k, { onHand: 9 }, at(6))], observed('b'), ids());
      expect(outcome.changedLevels[0]).toMatchObject({ figures: { onHand: 9 }, sourceTimestamp: at(6) });
    });

    it('latest: an older first report of another connection does not take over the level', () => {
      const outcome = reconcileBatch(two('latest'), [setLine(1, k, { onHand: 9 }, at(3))], observed('b', at(10)), ids());
      expect(outcome.observations[0]).toMatchObject({ connectionId: 'b', sourceTimestamp: at(3) });
      expect(outcome.changedLevels).toEqual([]);
      expect(levelIn(carryForward(two('latest'), outcome), k)?.figures.onHand).toBe(5);
    });
  });

  describe('discrepancies', () => {
    const base = state({
      levels: [level(k, { figures: { onHand: 5 }, sourceTimestamp: at(1) })],
      observations: [observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(1) })],
      locations: [locationRules('wh-1', 'single-source', 'a')],
    });
    const report = (s: typeof base, connectionId: string, onHand: number, t: number) =>
      reconcileBatch(s, [setLine(1, k, { onHand }, at(t))], observed(connectionId, at(100 + t)), ids(`d${t}`));

    it('opens one when two connections disagree, updates it, and closes it when they agree again', () => {
      const opened = report(base, 'b', 7, 2);
      expect(opened.openedDiscrepancies).toEqual([
        {
          id: 'd2-1',
          ...k,
          status: 'open',
          claims: [
            { connectionId: 'a', quantity: 5, sourceTimestamp: at(1) },
            { connectionId: 'b', quantity: 7, sourceTimestamp: at(2) },
          ],
          openedAt: at(102),
          resolvedAt: null,
          resolution: null,
        },
      ]);
      const s1 = carryForward(base, opened);

      const updated = report(s1, 'b', 8, 3);
      expect(updated.openedDiscrepancies).toEqual([]);
      expect(updated.updatedDiscrepancies).toEqual([expect.objectContaining({ id: 'd2-1', status: 'open' })]);
      expect(updated.updatedDiscrepancies[0]?.claims.map((c) => c.quantity)).toEqual([5, 8]);
      const s2 = carryForward(s1, updated);

      const closed = report(s2, 'b', 5, 4);
      expect(closed.closedDiscrepancies).toEqual([
        expect.objectContaining({ id: 'd2-1', status: 'resolved', resolvedAt: at(104), resolution: { kind: 'agreed' } }),
      ]);
      expect(carryForward(s2, closed).openDiscrepancies).toEqual([]);
    });

    it('opens none when the connections agree', () => {
      const outcome = report(base, 'b', 5, 2);
      expect(outcome.openedDiscrepancies).toEqual([]);
    });

    it('leaves an open one alone when a re-delivery changes no claim', () => {
      const open: Discrepancy = {
        id: 'd-0',
        ...k,
        status: 'open',
        openedAt: at(0),
        resolvedAt: null,
        resolution: null,
        claims: claimsOf([
          observation('a', k, { figures: { onHand: 5 }, sourceTimestamp: at(1) }),
          observation('b', k, { figures: { onHand: 7 }, sourceTimestamp: at(2) }),
        ]),
      };
      const b = observation('b', k, { figures: { onHand: 7 }, sourceTimestamp: at(2) });
      const s = { ...base, observations: [...base.observations, b], openDiscrepancies: [open] };
      const outcome = report(s, 'b', 7, 2);
      // Still not applied: the caller is told so again, but nothing about the place changes.
      expect(outcome.results[0]?.status).toBe('observed');
      expect(outcome.ledger).toEqual([]);
      expect([...outcome.openedDiscrepancies, ...outcome.updatedDiscrepancies, ...outcome.closedDiscrepancies]).toEqual([]);
    });

    it('are not evaluated for direct writes', () => {
      const s = carryForward(base, report(base, 'b', 7, 2));
      const outcome = reconcileBatch(s, [setLine(1, k, { onHand: 7 })], { connectionId: null, actor: 'op', reference: null, recordedAt: at(200) }, ids());
      expect(outcome.closedDiscrepancies).toEqual([]);
      expect(outcome.openedDiscrepancies).toEqual([]);
    });
  });
});
