import { targets } from '../support/e2e-targets.state';
import { canonicalReporter } from './multi-source-reporters.e2e-helper';
import { OBSERVED, Scene } from './multi-source.e2e-helper';

describe.each(targets())('several sources at one place, edges, on %s', (_kind, target) => {
  it('refuses a policy or a hand-over naming a revoked or unknown connection, or mixing fields, naming the field and changing nothing', async () => {
    const scene = await Scene.of(target);
    const code = 'EDGE-1';
    const [revoked, active] = [await canonicalReporter(scene, code), await canonicalReporter(scene, code)];
    const a = scene.product();
    expect(await revoked.report([[a, 10]])).toEqual(['applied']);
    expect(await active.report([[a, 3]])).toEqual(['observed']);
    await scene.revoke(revoked.connectionId);
    const location = await scene.location(code);
    const before = { location, ledger: await scene.ledgerCount(), onHand: await scene.onHand(a, code) };
    expect(before.onHand).toBe(10);

    const policies: [Record<string, unknown>, string][] = [
      [{ policy: 'single-source', sourceConnectionId: revoked.connectionId }, 'sourceConnectionId'],
      [{ policy: 'priority', priorityConnectionIds: [active.connectionId, revoked.connectionId] }, 'priorityConnectionIds'],
      [{ policy: 'priority', priorityConnectionIds: ['no-such-connection'] }, 'priorityConnectionIds'],
      [{ policy: 'priority', priorityConnectionIds: [active.connectionId, active.connectionId] }, 'priorityConnectionIds'],
      [{ policy: 'latest', priorityConnectionIds: [active.connectionId] }, 'priorityConnectionIds'],
      [{ policy: 'priority', sourceConnectionId: active.connectionId }, 'sourceConnectionId'],
      [{ policy: 'newest' }, 'policy'],
      [{ policy: 'priority', priorityConnectionIds: active.connectionId }, 'priorityConnectionIds'],
    ];
    for (const [json, field] of policies) {
      const answer = await scene.admin('PUT', `/api/v1/locations/${location?.id}/policy`, { json });
      expect({ json, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({
        json,
        status: 422,
        fields: [field],
      });
    }
    const handOvers: [string, Record<string, unknown>, number, string][] = [
      [active.connectionId, { toConnectionId: revoked.connectionId }, 422, 'toConnectionId'],
      [active.connectionId, { toConnectionId: active.connectionId }, 422, 'toConnectionId'],
      [active.connectionId, { toConnectionId: 'no-such-connection' }, 422, 'toConnectionId'],
      [active.connectionId, {}, 422, 'toConnectionId'],
      ['00000000-0000-4000-8000-000000000000', { toConnectionId: active.connectionId }, 404, 'connectionId'],
    ];
    for (const [from, json, status, field] of handOvers) {
      const answer = await scene.admin('POST', `/api/v1/connections/${from}/hand-over`, { json });
      expect({ json, status: answer.status, fields: answer.body.errors?.map((e: { field: string }) => e.field) }).toEqual({ json, status, fields: [field] });
    }
    expect({ location: await scene.location(code), ledger: await scene.ledgerCount(), onHand: await scene.onHand(a, code) }).toEqual(before);
  });

  it('answers a replayed observed write with the same 202 and writes nothing more', async () => {
    const scene = await Scene.of(target);
    const code = 'EDGE-2';
    const [source, other] = [await canonicalReporter(scene, code), await canonicalReporter(scene, code)];
    const a = scene.product();
    expect(await source.report([[a, 10]])).toEqual(['applied']);
    const write = () =>
      scene.admin('POST', '/api/v1/stock-levels/set', {
        json: { item: { sku: a.sku }, location: { code }, onHand: 3, connectionId: other.connectionId },
        headers: { 'idempotency-key': `edge-${a.sku}` },
      });
    const first = await write();
    expect(first.status).toBe(202);
    expect(first.body).toMatchObject({
      status: 'observed',
      itemCreated: false,
      warnings: [{ code: OBSERVED, message: expect.stringContaining(source.connectionId) }],
    });
    const ledger = await scene.ledgerCount();
    const replay = await write();
    expect({ status: replay.status, body: replay.body, replayed: replay.headers.get('idempotency-replayed') }).toEqual({
      status: 202,
      body: first.body,
      replayed: 'true',
    });
    expect(await scene.ledgerCount()).toBe(ledger);
    expect(await scene.onHand(a, code)).toBe(10);
    expect(await scene.openClaims(a, code)).toEqual({ [source.connectionId]: 10, [other.connectionId]: 3 });
  });
});
