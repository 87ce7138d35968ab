import type { Schemas } from '../api/client';
import { historySummary, onHandHistory, tickLabel, timeTicks } from './on-hand-history.model';

const entry = (locationId: string, recordedAt: string, onHand: number | null, present = true) =>
  ({ locationId, recordedAt, after: { present, figures: { onHand } } }) as unknown as Schemas['LedgerEntryDto'];

describe('onHandHistory', () => {
  const entries = [
    entry('b', '2026-12-03T12:00:00.000Z', 4),
    entry('a', '2026-12-01T08:00:00.000Z', 10),
    entry('a', '2026-12-05T08:00:00.000Z', 0, false),
    entry('b', '2026-12-02T08:00:00.000Z', null),
  ];
  const history = onHandHistory(entries, (id) => id.toUpperCase());

  it('orders the changes by time and carries each location’s latest figure at every point', () => {
    expect(history.series).toEqual(['A', 'B']);
    expect(history.points).toEqual([
      { t: Date.parse('2026-12-01T08:00:00.000Z'), A: 10 },
      { t: Date.parse('2026-12-02T08:00:00.000Z'), A: 10, B: null },
      { t: Date.parse('2026-12-03T12:00:00.000Z'), A: 10, B: 4 },
      { t: Date.parse('2026-12-05T08:00:00.000Z'), A: 0, B: 4 },
    ]);
  });

  it('spans the axis from the first change to the last, widening a short span to four minutes around it', () => {
    expect(history.domain).toEqual([Date.parse('2026-12-01T08:00:00.000Z'), Date.parse('2026-12-05T08:00:00.000Z')]);
    const one = onHandHistory([entry('a', '2026-12-01T08:00:00.000Z', 1)], (id) => id);
    expect(one.domain).toEqual([Date.parse('2026-12-01T07:58:00.000Z'), Date.parse('2026-12-01T08:02:00.000Z')]);
  });

  it('says per location where it started and ended, and how many changes there were', () => {
    const summary = historySummary(history, 'en-GB');
    expect(summary[0]).toMatch(/^A: 10 on .*, 0 on .*, 2 change\(s\)\.$/);
    expect(summary[1]).toMatch(/^B: unknown on .*, 4 on .*, 2 change\(s\)\.$/);
  });
});

describe('time axis', () => {
  it('spaces ticks evenly over the span, from its start to its end', () => {
    const ticks = timeTicks([0, 4 * 3_600_000], 5);
    expect(ticks).toEqual([0, 1, 2, 3, 4].map((h) => h * 3_600_000));
  });

  it('labels dates over a long span and adds the time over a short one', () => {
    const t = Date.parse('2026-12-01T08:00:00.000Z');
    expect(tickLabel(t, [t, t + 10 * 86_400_000], 'en-GB')).not.toMatch(/:/);
    expect(tickLabel(t, [t, t + 3_600_000], 'en-GB')).toMatch(/\d{2}:\d{2}/);
  });
});
