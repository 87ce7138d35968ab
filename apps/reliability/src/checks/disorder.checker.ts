import { freshTenant, listAll, unique, type Deployment } from '../support/deployment.fixture';
import type { Client } from '@tally/test-support';
import { recordSecret } from '../support/run-dir';

/** The size of a run of {@link checkDuplicatesAndDisorder}. */
export interface DisorderPlan {
  readonly updates: number;
  readonly items: number;
  readonly deliveries: number;
  readonly batchSize: number;
  /** Lines of a batch repeated inside the same batch. */
  readonly duplicatesPerBatch: number;
  /**
   * Other connections that report the same places with figures of their own, interleaved with
   * the source's deliveries after its first batch: the level must follow the source alone.
   */
  readonly rivals?: number;
}

/** What the check saw; `violations` is empty when disorder changed nothing. */
export interface DisorderFigures {
  engine: string;
  updates: number;
  linesDelivered: number;
  applied: number;
  unchanged: number;
  stale: number;
  /** Rival lines answered `observed` (kept, not applied). */
  observed: number;
  /** Open discrepancies at the end, and how many places the rivals last disagreed on. */
  openDiscrepancies: number;
  disagreeingPlaces: number;
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
  observed: number;
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
    observed: 0,
    openDiscrepancies: 0,
    disagreeingPlaces: 0,
    ledgerInOrder: 0,
    ledgerDisordered: 0,
    violations: [],
  };

  const inOrder = await freshTenant(deployment);
  const inOrderConnection = await connectionOf(inOrder.admin);
  await deliver(inOrder.admin, inOrderConnection, chunks(feed, plan.batchSize), { applied: 0, unchanged: 0, stale: 0, observed: 0 });

  const disordered = await freshTenant(deployment);
  const connection = await connectionOf(disordered.admin);
  const delivered = shuffle(Array.from({ length: plan.deliveries }, () => feed).flat());
  const batches = chunks(delivered, plan.batchSize).map((batch) => shuffle([...batch, ...shuffle(batch).slice(0, plan.duplicatesPerBatch)]));
  figures.linesDelivered = batches.reduce((sum, b) => sum + b.length, 0);
  // The source reports first, so it is the places' single source; rivals come in between.
  await deliver(disordered.admin, connection, batches.slice(0, 1), figures);
  const rivalFeeds = await deliverRivals(disordered.admin, feed, plan, batches.slice(1), connection, figures);

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
  if (rivalFeeds.length > 0) await checkRivalsVisible(disordered.admin, expected, rivalFeeds, figures);
  return figures;
}

/**
 * Delivers the source's remaining batches with each rival's shuffled feed interleaved; a rival
 * line answered `applied` is a violation (the level does not follow it). Answers each rival's
 * newest figure per SKU.
 */
async function deliverRivals(
  admin: Client,
  feed: readonly Update[],
  plan: DisorderPlan,
  sourceBatches: Update[][],
  sourceConnection: string,
  figures: DisorderFigures,
): Promise<Map<string, number>[]> {
  const rivals = await Promise.all(Array.from({ length: plan.rivals ?? 0 }, () => connectionOf(admin)));
  const rivalFeeds = rivals.map(() => feed.map((u) => ({ ...u, onHand: Math.floor(Math.random() * 500) })));
  const work: { connectionId: string; batch: Update[]; rival: boolean }[] = [
    ...sourceBatches.map((batch) => ({ connectionId: sourceConnection, batch, rival: false })),
    ...rivals.flatMap((connectionId, r) => chunks(shuffle(rivalFeeds[r]), plan.batchSize).map((batch) => ({ connectionId, batch, rival: true }))),
  ];
  for (const step of shuffle(work)) {
    const counts: LineCounts = { applied: 0, unchanged: 0, stale: 0, observed: 0 };
    await deliver(admin, step.connectionId, [step.batch], counts);
    if (step.rival && counts.applied + counts.unchanged > 0) {
      figures.violations.push(`a rival connection was answered applied or unchanged for ${counts.applied + counts.unchanged} lines`);
    }
    for (const key of ['applied', 'unchanged', 'stale', 'observed'] as const) figures[key] += counts[key];
  }
  return rivalFeeds.map((rivalFeed) => newestBySku(rivalFeed));
}

/** Every place where a rival's newest figure differs from the level must have an open discrepancy. */
async function checkRivalsVisible(
  admin: Client,
  expected: Map<string, { onHand: number | null }>,
  rivalNewest: readonly Map<string, number>[],
  figures: DisorderFigures,
): Promise<void> {
  const items = await listAll<{ id: string; sku: string }>(admin, '/api/v1/items');
  const skuOf = new Map(items.map((i) => [i.id, i.sku]));
  const open = await listAll<{ itemId: string }>(admin, '/api/v1/discrepancies?status=open');
  figures.openDiscrepancies = open.length;
  const openSkus = new Set(open.map((d) => skuOf.get(d.itemId)));
  for (const [sku, level] of expected) {
    const disagrees = rivalNewest.some((newest) => newest.get(sku) !== level.onHand);
    if (disagrees) figures.disagreeingPlaces += 1;
    if (disagrees !== openSkus.has(sku))
      figures.violations.push(`${sku}: rivals ${disagrees ? 'disagree' : 'agree'} but a discrepancy is ${openSkus.has(sku) ? 'open' : 'not open'}`);
  }
}

function newestBySku(updates: readonly Update[]): Map<string, number> {
  const newest = new Map<string, Update>();
  for (const u of updates) if ((newest.get(u.sku)?.at ?? '') < u.at) newest.set(u.sku, u);
  return new Map([...newest].map(([sku, u]) => [sku, u.onHand]));
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
    counts.observed += answer.body.counts.observed;
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
