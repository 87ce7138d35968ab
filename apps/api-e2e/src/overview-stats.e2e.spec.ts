import { expectStatus, type Client } from '@tally/test-support';
import { targets } from './support/e2e-targets.state';
import { freshTenant } from './support/tenant.fixtures';
import { allRows, BATCH_SIZE, seedOverviewScene } from './item-overview.e2e-helper';

type Scene = Awaited<ReturnType<typeof seedOverviewScene>>;

/** Every ledger entry of the tenant (with a connection filter when given). */
async function ledger(admin: Client, query = ''): Promise<{ connectionId: string | null; actor: string; recordedAt: string }[]> {
  const entries = [];
  let cursor: string | null = null;
  do {
    const page = expectStatus(await admin('GET', `/api/v1/ledger?limit=500${query}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`), 'ledger', 200);
    entries.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return entries;
}

describe.each(targets())('overview counts and activity on %s', (_kind, target) => {
  let scene: Scene;
  beforeAll(async () => {
    scene = await seedOverviewScene(target);
  });

  it('counts items by status exactly as the list’s filters select them', async () => {
    const counts = expectStatus(await scene.admin('GET', '/api/v1/stats/overview'), 'counts', 200);
    expect(counts.items.total).toBe(BATCH_SIZE + 9);
    expect(counts.items.byStatus).toEqual({
      in_stock: 126,
      low_stock: 30,
      out_of_stock: 32,
      backorderable: 30,
      preorderable: 0,
      discontinued: 30,
      unavailable: 0,
      untracked: 1,
    });
    for (const status of ['low_stock', 'out_of_stock', 'in_stock', 'untracked']) {
      expect({ status, listed: (await allRows(scene.admin, `status=${status}`, 25)).length }).toEqual({ status, listed: counts.items.byStatus[status] });
    }
    expect(counts.items.openDiscrepancy).toBe((await allRows(scene.admin, 'discrepancy=open')).length);
    expect(counts).toMatchObject({
      discrepancies: { stockOpen: 1, identityOpen: 0 },
      connections: { active: 2 },
      jobs: { pending: 0, working: 0, failed: 0 },
      channels: { total: 1, failingItems: 0, deadItems: 0 },
    });
  });

  it('counts activity per UTC day and source over the whole ledger window', async () => {
    const activity = expectStatus(await scene.admin('GET', '/api/v1/stats/activity?days=2'), 'activity', 200);
    expect(activity).toMatchObject({ timeZone: 'UTC', from: expect.stringMatching(/T00:00:00\.000Z$/), to: expect.stringMatching(/T00:00:00\.000Z$/) });
    const entries = await ledger(scene.admin);
    const expected = new Map<string, number>();
    for (const e of entries) {
      const key = `${e.recordedAt.slice(0, 10)} ${e.connectionId ?? e.actor}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const answered = new Map<string, number>(
      activity.rows.map((r: { day: string; connectionId: string | null; actor: string | null; entries: number }) => [
        `${r.day} ${r.connectionId ?? r.actor}`,
        r.entries,
      ]),
    );
    expect(answered).toEqual(expected);
    const order = (r: { day: string; connectionId: string | null; actor: string | null }) =>
      `${r.day} ${r.connectionId === null ? `1 ${r.actor}` : `0 ${r.connectionId}`}`;
    expect(activity.rows.map(order)).toEqual(activity.rows.map(order).sort());
    const ofA = activity.rows.filter((r: { connectionId: string | null }) => r.connectionId === scene.a);
    expect(ofA.reduce((sum: number, r: { entries: number }) => sum + r.entries, 0)).toBe((await ledger(scene.admin, `&connectionId=${scene.a}`)).length);
    expect(ofA.reduce((sum: number, r: { entries: number }) => sum + r.entries, 0)).toBeGreaterThan(BATCH_SIZE - 1);
    expect(activity.rows.some((r: { actor: string | null }) => r.actor?.startsWith('api-key:'))).toBe(true);
  });

  it('shows another tenant none of it', async () => {
    const stranger = await freshTenant(target);
    expect(await allRows(stranger.admin, '')).toEqual([]);
    const counts = expectStatus(await stranger.admin('GET', '/api/v1/stats/overview'), 'counts', 200);
    expect(counts.items.total).toBe(0);
    expect(counts.discrepancies).toEqual({ stockOpen: 0, identityOpen: 0 });
    expect(expectStatus(await stranger.admin('GET', '/api/v1/stats/activity'), 'activity', 200).rows).toEqual([]);
    expect(await allRows(stranger.admin, 'q=hoodie')).toEqual([]);
    for (const [field, id] of [
      ['locationId', scene.whB],
      ['connectionId', scene.a],
      ['channelId', scene.channelId],
    ]) {
      const answer = await stranger.admin('GET', `/api/v1/items/overview?${field}=${id}`);
      expect({ status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 422, fields: [field] });
    }
  });

  it.each([
    ['items/overview?status=low', 'status'],
    ['items/overview?sort=price', 'sort'],
    ['items/overview?direction=up', 'direction'],
    ['items/overview?limit=201', 'limit'],
    ['items/overview?limit=0', 'limit'],
    ['items/overview?discrepancy=closed', 'discrepancy'],
    ['items/overview?cursor=bm9wZQ', 'cursor'],
    ['items/overview?q=', 'q'],
    ['stats/activity?days=0', 'days'],
    ['stats/activity?days=367', 'days'],
    ['stats/activity?days=two', 'days'],
  ])('refuses /api/v1/%s with 422 naming %s', async (path, field) => {
    const answer = await scene.admin('GET', `/api/v1/${path}`);
    expect({ status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ status: 422, fields: [field] });
  });
});
