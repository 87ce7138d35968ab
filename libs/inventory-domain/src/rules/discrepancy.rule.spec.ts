import type { Discrepancy } from '../model/discrepancy.entity.js';
import { claimsDisagree, claimsOf, evaluateDiscrepancy } from './discrepancy.rule.js';
import { snapshotOf } from '../model/stock-level.aggregate.js';
import { at, ids, key, level, observation } from './reconciler-test-state.spec-helper.js';

const k = key();
const NOW = at(1000);
/** The level as a source that reported `onHand` left it. */
const lvl = (onHand: number) => snapshotOf(level(k, { figures: { onHand } }));
const NO_LEVEL = snapshotOf(level(k, { present: false }));

function openDiscrepancy(claims: Discrepancy['claims']): Discrepancy {
  return { id: 'disc-0', ...k, status: 'open', claims, openedAt: at(10), resolvedAt: null, resolution: null };
}

describe('claimsOf', () => {
  it('takes one claim per observation, sorted by connection id', () => {
    const claims = claimsOf([
      observation('b', k, { figures: { onHand: 2 }, sourceTimestamp: at(2) }),
      observation('a', k, { figures: { onHand: 1 }, sourceTimestamp: at(1) }),
    ]);
    expect(claims).toEqual([
      { connectionId: 'a', quantity: 1, sourceTimestamp: at(1) },
      { connectionId: 'b', quantity: 2, sourceTimestamp: at(2) },
    ]);
  });

  it('uses on hand, else available, and null for a removed record', () => {
    const claims = claimsOf([
      observation('a', k, { figures: { availableReported: 3 } }),
      observation('b', k, { present: false, figures: { onHand: 5 } }),
      observation('c', k, { figures: { onHand: 4, availableReported: 3 } }),
    ]);
    expect(claims.map((c) => c.quantity)).toEqual([3, null, 4]);
  });
});

describe('claimsDisagree', () => {
  const claim = (connectionId: string, quantity: number | null) => ({ connectionId, quantity, sourceTimestamp: null });

  it('is false for no claim, one claim, or equal quantities', () => {
    expect(claimsDisagree([])).toBe(false);
    expect(claimsDisagree([claim('a', 1)])).toBe(false);
    expect(claimsDisagree([claim('a', 1), claim('b', 1), claim('c', 1)])).toBe(false);
    expect(claimsDisagree([claim('a', null), claim('b', null)])).toBe(false);
  });

  it('is true when any quantity differs, and zero differs from no record', () => {
    expect(claimsDisagree([claim('a', 1), claim('b', 2)])).toBe(true);
    expect(claimsDisagree([claim('a', 0), claim('b', null)])).toBe(true);
  });
});

describe('evaluateDiscrepancy', () => {
  const a = (onHand: number, t = 1) => observation('a', k, { figures: { onHand }, sourceTimestamp: at(t) });
  const b = (onHand: number, t = 1) => observation('b', k, { figures: { onHand }, sourceTimestamp: at(t) });

  it('does nothing while there is a single observation', () => {
    expect(evaluateDiscrepancy(k, [a(5)], lvl(5), null, NOW, ids())).toEqual({ kind: 'none' });
  });

  it('does nothing while observations agree', () => {
    expect(evaluateDiscrepancy(k, [a(5), b(5, 2)], lvl(5), null, NOW, ids())).toEqual({ kind: 'none' });
  });

  it('opens a discrepancy when two observations disagree', () => {
    const change = evaluateDiscrepancy(k, [b(7), a(5)], lvl(5), null, NOW, ids());
    expect(change).toEqual({
      kind: 'opened',
      discrepancy: {
        id: 'disc-1',
        itemId: k.itemId,
        locationId: k.locationId,
        status: 'open',
        claims: [
          { connectionId: 'a', quantity: 5, sourceTimestamp: at(1) },
          { connectionId: 'b', quantity: 7, sourceTimestamp: at(1) },
        ],
        openedAt: NOW,
        resolvedAt: null,
        resolution: null,
      },
    });
  });

  it('asks for an id only when it opens one', () => {
    const newId = jest.fn(() => 'x');
    evaluateDiscrepancy(k, [a(5), b(5)], lvl(5), null, NOW, newId);
    expect(newId).not.toHaveBeenCalled();
  });

  it('leaves an open discrepancy alone when its claims have not changed', () => {
    const open = openDiscrepancy(claimsOf([a(5), b(7)]));
    expect(evaluateDiscrepancy(k, [b(7), a(5)], lvl(5), open, NOW, ids())).toEqual({ kind: 'none' });
  });

  it('updates the claims of an open discrepancy while they still disagree', () => {
    const open = openDiscrepancy(claimsOf([a(5), b(7)]));
    const change = evaluateDiscrepancy(k, [a(6, 2), b(7)], lvl(6), open, NOW, ids());
    expect(change.kind).toBe('updated');
    if (change.kind !== 'updated') return;
    expect(change.discrepancy).toMatchObject({ id: 'disc-0', status: 'open', openedAt: at(10), resolvedAt: null });
    expect(change.discrepancy.claims).toEqual(claimsOf([a(6, 2), b(7)]));
  });

  it('closes an open discrepancy as agreed once the observations agree again', () => {
    const open = openDiscrepancy(claimsOf([a(5), b(7)]));
    const change = evaluateDiscrepancy(k, [a(7, 2), b(7)], lvl(7), open, NOW, ids());
    expect(change).toEqual({
      kind: 'closed',
      discrepancy: {
        ...open,
        claims: claimsOf([a(7, 2), b(7)]),
        status: 'resolved',
        resolvedAt: NOW,
        resolution: { kind: 'agreed' },
      },
    });
  });

  it('closes an open discrepancy when only one observation is left', () => {
    const open = openDiscrepancy(claimsOf([a(5), b(7)]));
    expect(evaluateDiscrepancy(k, [a(5)], lvl(5), open, NOW, ids()).kind).toBe('closed');
  });

  it('opens when the only observation disagrees with the level', () => {
    expect(evaluateDiscrepancy(k, [b(7)], lvl(5), null, NOW, ids()).kind).toBe('opened');
  });

  it('opens when a connection reports a place that has no level', () => {
    const change = evaluateDiscrepancy(k, [b(7)], NO_LEVEL, null, NOW, ids());
    expect(change.kind).toBe('opened');
  });

  it('agrees when a removal meets a missing level', () => {
    const removed = observation('b', k, { present: false });
    expect(evaluateDiscrepancy(k, [removed], NO_LEVEL, null, NOW, ids())).toEqual({ kind: 'none' });
  });

  it('stays open while the observations agree with each other but not with the level', () => {
    const open = openDiscrepancy(claimsOf([a(5), b(7)]));
    expect(evaluateDiscrepancy(k, [a(7), b(7)], lvl(5), open, NOW, ids()).kind).toBe('updated');
  });

  it('opens when a removed record meets a counted zero', () => {
    const removed = observation('b', k, { present: false });
    expect(evaluateDiscrepancy(k, [a(0), removed], lvl(0), null, NOW, ids()).kind).toBe('opened');
  });
});
