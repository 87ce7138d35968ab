import { client, type Answer, type Client } from '@tally/test-support';
import { freshTenant, listAll, unique, type Deployment } from '../support/deployment.fixture';

/** What the idempotency check saw; `violations` is empty when every promise held. */
export interface IdempotencyFigures {
  engine: string;
  replays: number;
  replaysAfterRestart: number;
  reusedKeyRefusals: number;
  concurrentRequests: number;
  concurrentExecutions: number;
  crossTenantReplays: number;
  violations: string[];
}

const ADJUST = '/api/v1/stock-levels/adjust';

/**
 * Check 2: a replay answers the original status and body (also after every process restarted);
 * the key with another body is refused and changes nothing; 50 concurrent requests with one key
 * execute once; another tenant's identical request is never answered from this tenant's record.
 */
export async function checkIdempotency(deployment: Deployment): Promise<IdempotencyFigures> {
  const figures: IdempotencyFigures = {
    engine: deployment.kind,
    replays: 0,
    replaysAfterRestart: 0,
    reusedKeyRefusals: 0,
    concurrentRequests: 50,
    concurrentExecutions: 0,
    crossTenantReplays: 0,
    violations: [],
  };
  const fail = (message: string) => figures.violations.push(message);
  const tenantA = await freshTenant(deployment);
  const tenantB = await freshTenant(deployment);
  const sku = unique('IDEM');
  const place = { item: { sku }, location: { code: 'WH-IDEM' }, unknownItemPolicy: 'create', createLocationsAs: 'warehouse' };
  for (const tenant of [tenantA, tenantB]) {
    const set = await tenant.admin('POST', '/api/v1/stock-levels/set', { json: { ...place, onHand: 10 } });
    if (set.status !== 200) throw new Error(`set answered ${set.status}`);
  }
  const a = tenantA.admin;
  const onHand = async (admin: Client) => (await admin('GET', `/api/v1/stock-levels?includeAbsent=true&limit=10`)).body.items[0]?.figures.onHand;

  // Originals: one applied, one refused below zero; each replayed.
  const originals: { key: string; body: object; answer: Answer }[] = [];
  for (const delta of [3, -1000]) {
    const key = unique('key');
    const body = { ...place, delta };
    const answer = await a('POST', ADJUST, { json: body, headers: { 'idempotency-key': key } });
    originals.push({ key, body, answer });
    const again = await client(deployment.servers[1 % deployment.servers.length].baseUrl, tenantA.adminKey)('POST', ADJUST, {
      json: body,
      headers: { 'idempotency-key': key },
    });
    if (sameAnswer(again, answer) && again.headers.get('idempotency-replayed') === 'true') figures.replays++;
    else fail(`replay of ${answer.status} answered ${again.status} ${JSON.stringify(again.body)}`);
  }
  if ((await onHand(a)) !== 13) fail(`after one applied +3 and its replay, on hand is ${await onHand(a)}, not 13`);

  // The same key with another body: refused, nothing changes.
  const before = await onHand(a);
  const reused = await a('POST', ADJUST, { json: { ...originals[0].body, delta: 5 }, headers: { 'idempotency-key': originals[0].key } });
  if (reused.status === 422 && reused.body.code === 'IDEMPOTENCY.KEY_REUSED') figures.reusedKeyRefusals++;
  else fail(`the key with another body answered ${reused.status} ${JSON.stringify(reused.body)}`);
  if ((await onHand(a)) !== before) fail('the key with another body changed the level');

  // 50 concurrent requests with one key, spread over every process: one execution.
  const key = unique('concurrent');
  const body = { ...place, delta: 1, reference: key };
  const clients = deployment.servers.map((s) => client(s.baseUrl, tenantA.adminKey));
  const answers = await Promise.all(
    Array.from({ length: 50 }, (_, i) => clients[i % clients.length]('POST', ADJUST, { json: body, headers: { 'idempotency-key': key } })),
  );
  const ledger = await listAll<{ reference: string | null }>(a, '/api/v1/ledger');
  figures.concurrentExecutions = ledger.filter((e) => e.reference === key).length;
  if (figures.concurrentExecutions !== 1) fail(`50 concurrent requests with one key executed ${figures.concurrentExecutions} times`);
  const distinct = new Set(answers.map((x) => `${x.status} ${JSON.stringify(x.body)}`));
  if (distinct.size !== 1) fail(`50 concurrent requests with one key got ${distinct.size} different answers: ${[...distinct].slice(0, 3).join(' / ')}`);
  if ((await onHand(a)) !== before + 1) fail(`after 50 concurrent +1 with one key, on hand is ${await onHand(a)}, not ${before + 1}`);

  // Another tenant, same key and body: its own answer, never tenant A's.
  const b = await tenantB.admin('POST', ADJUST, { json: originals[0].body, headers: { 'idempotency-key': originals[0].key } });
  if (b.headers.get('idempotency-replayed') === 'true' || b.body.itemId === originals[0].answer.body.itemId) {
    figures.crossTenantReplays++;
    fail(`tenant B got tenant A's answer: ${JSON.stringify(b.body)}`);
  }
  if ((await onHand(tenantB.admin)) !== 13) fail(`tenant B's level is ${await onHand(tenantB.admin)}, not 13`);

  // Every process restarts: the stored answers are still replayed.
  await Promise.all(deployment.servers.map((s) => s.stop()));
  const restarted = client((await deployment.addServer()).baseUrl, tenantA.adminKey);
  for (const original of originals) {
    const again = await restarted('POST', ADJUST, { json: original.body, headers: { 'idempotency-key': original.key } });
    if (sameAnswer(again, original.answer) && again.headers.get('idempotency-replayed') === 'true') figures.replaysAfterRestart++;
    else fail(`after a restart, the replay of ${original.answer.status} answered ${again.status} ${JSON.stringify(again.body)}`);
  }
  if ((await onHand(restarted)) !== before + 1) fail('replays after the restart changed the level');
  return figures;
}

function sameAnswer(x: Answer, y: Answer): boolean {
  return x.status === y.status && JSON.stringify(x.body) === JSON.stringify(y.body);
}
