import { freshTenant, listAll, unique, type Deployment } from '../support/deployment.fixture';
import type { Client } from '../support/http.client';
import { recordSecret } from '../support/run-dir';

/** The size of a run of {@link checkDuplicatesAndDisorder}. */
export interface DisorderPlan {
  readonly updates: number;
  readonly items: number;
  readonly deliveries: number;
  readonly batchSize: number;
  /** Lines of a batch repeated inside the same batch. */
  readonly duplicatesPerBatch: number;
}

/** What the check saw; `violations` is empty when disorder changed nothing. */
export interface DisorderFigures {
  engine: string;
  updates: number;
  linesDelivered: number;
  applied: number;
  unchanged: number;
  stale: number;
  ledgerInOrder: number;
  ledgerDisordered: number;
  violations: string[];
}

interface Update {
  readonly sku: string;
  readonly at: string;
  readonly onHand: number;
}

interface LineCounts {
  applied: number;
  unchanged: number;
  stale: number;
}

/**
 * Check 3: a feed of timestamped updates from one connection, delivered once in order to one
 * tenant and several times shuffled (with duplicates inside batches) to another, must end in the
 * same levels with no ledger row written twice; the stale deliveries are counted.
 */
export async function checkDuplicatesAndDisorder(deployment: Deployment, plan: DisorderPlan): Promise<DisorderFigures> {
  const skus = Array.from({ length: plan.items }, () => unique('FEED'));
  const base = Date.parse('2026-01-01T00:00:00.000Z');
  const feed: Update[] = Array.from({ length: plan.updates }, (_, i) => ({
    sku: skus[i % plan.items],
    at: new Date(base + i * 1000).toISOString(),
    onHand: Math.floor(Math.random() * 500),
  }));
  const figures: DisorderFigures = {
    engine: deployment.kind,
    updates: plan.updates,
    linesDelivered: 0,
    applied: 0,
    unchanged: 0,
    stale: 0,
    ledgerInOrder: 0,
    ledgerDisordered: 0,
    violations: [],
  };

  const inOrder = await freshTenant(deployment);
  const inOrderConnection = await connectionOf(inOrder.admin);
  await deliver(inOrder.admin, inOrderConnection, chunks(feed, plan.batchSize), { applied: 0, unchanged: 0, stale: 0 });

  const disordered = await freshTenant(deployment);
  const connection = await connectionOf(disordered.admin);
  const delivered = shuffle(Array.from({ length: plan.deliveries }, () => feed).flat());
  const batches = chunks(delivered, plan.batchSize).map((batch) => shuffle([...batch, ...shuffle(batch).slice(0, plan.duplicatesPerBatch)]));
  figures.linesDelivered = batches.reduce((sum, b) => sum + b.length, 0);
  await deliver(disordered.admin, connection, batches, figures);

  const expected = await stateOf(inOrder.admin);
  const actual = await stateOf(disordered.admin);
  for (const sku of skus) {
    if (JSON.stringify(actual.get(sku)) !== JSON.stringify(expected.get(sku))) {
      figures.violations.push(`${sku}: ${JSON.stringify(actual.get(sku))} after disorder, ${JSON.stringify(expected.get(sku))} in order`);
    }
  }
  figures.ledgerInOrder = (await ledgerKeys(inOrder.admin)).length;
  const keys = await ledgerKeys(disordered.admin);
  figures.ledgerDisordered = keys.length;
  const duplicates = keys.length - new Set(keys).size;
  if (duplicates > 0) figures.violations.push(`${duplicates} ledger rows repeat an update already in the ledger`);
  if (figures.ledgerDisordered > plan.updates) figures.violations.push(`${figures.ledgerDisordered} ledger rows for ${plan.updates} updates`);
  return figures;
}

async function connectionOf(admin: Client): Promise<string> {
  const answer = await admin('POST', '/api/v1/connections', { json: { dialect: 'canonical', name: unique('feed'), settings: {} } });
  if (answer.status !== 201) throw new Error(`connection creation answered ${answer.status}: ${JSON.stringify(answer.body)}`);
  recordSecret(answer.body.credentials.secret);
  return answer.body.connection.id;
}

async function deliver(admin: Client, connectionId: string, batches: Update[][], counts: LineCounts): Promise<void> {
  for (const batch of batches) {
    const lines = batch.map((u) => ({ op: 'set', item: { sku: u.sku }, location: { code: 'WH-FEED' }, onHand: u.onHand, sourceTimestamp: u.at }));
    const answer = await admin('POST', '/api/v1/stock-levels/batch', {
      json: { connectionId, unknownItemPolicy: 'create', createLocationsAs: 'warehouse', lines },
    });
    if (answer.status !== 200) throw new Error(`batch answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    counts.applied += answer.body.counts.applied;
    counts.unchanged += answer.body.counts.unchanged;
    counts.stale += answer.body.counts.stale;
  }
}

/** Each item's figures and source time, by SKU. */
async function stateOf(admin: Client): Promise<Map<string, { onHand: number | null; sourceTimestamp: string | null }>> {
  const items = await listAll<{ id: string; sku: string }>(admin, '/api/v1/items');
  const skuOf = new Map(items.map((i) => [i.id, i.sku]));
  const levels = await listAll<{ itemId: string; figures: { onHand: number | null }; sourceTimestamp: string | null }>(admin, '/api/v1/stock-levels');
  return new Map(levels.map((l) => [skuOf.get(l.itemId) ?? l.itemId, { onHand: l.figures.onHand, sourceTimestamp: l.sourceTimestamp }]));
}

/** One key per ledger row: the item and the source time of the update it records. */
async function ledgerKeys(admin: Client): Promise<string[]> {
  const ledger = await listAll<{ itemId: string; sourceTimestamp: string | null }>(admin, '/api/v1/ledger');
  return ledger.map((e) => `${e.itemId}@${e.sourceTimestamp}`);
}

function chunks<T>(items: readonly T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));
}

function shuffle<T>(items: T[]): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}
