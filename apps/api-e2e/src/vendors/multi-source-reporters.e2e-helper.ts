import { client, type Answer } from '@tally/test-support';
import { CREATE, createConnection, unique } from '../support/tenant.fixtures';
import { INVENTORIES, tokenHeader } from './comestri.e2e-helper';
import { CRUX, cruxLogin } from './crux.fixtures';
import { kiboClient, waitForJob } from './kibo.e2e-helpers';
import { inventoriesPath, marketplacerClient } from './marketplacer.e2e-helper';
import { OBSERVED, type Outcome, type Product, type Reporter, type Scene } from './multi-source.e2e-helper';
import { PUSH_V1, sdkAnswerErrors, sdkPush } from './retailops.e2e-helper';

// Each reporter reads its dialect's answer strictly: the documented shape of an applied line,
// or the shape issue 19 gives an observed one; anything else comes back as `unexpected: …`.
const unexpected = (answer: unknown): Outcome => `unexpected: ${JSON.stringify(answer)}`;
const observedWarning = (w: { code: string }[]): boolean => w.length > 0 && w.every((x) => x.code === OBSERVED);

/** The canonical API with a connection: one product is a single `set` (202 when observed), several a batch. */
export async function canonicalReporter(scene: Scene, locationCode: string): Promise<Reporter> {
  const connectionId = (await createConnection(scene.admin, 'canonical')).connection.id;
  const line = (product: Product, onHand: number, sourceTimestamp?: string) => ({
    item: scene.itemRef(product),
    location: { code: locationCode },
    onHand,
    ...(sourceTimestamp ? { sourceTimestamp } : {}),
  });
  return {
    dialect: 'canonical',
    connectionId,
    locationCode,
    createsItems: true,
    async report(figures, extra = {}) {
      if (figures.length === 1) {
        const [product, onHand] = figures[0];
        const answer = await scene.admin('POST', '/api/v1/stock-levels/set', {
          json: { ...line(product, onHand, extra.sourceTimestamp), connectionId, ...CREATE },
        });
        const { status, warnings } = answer.body as { status: string; warnings: { code: string }[] };
        if (answer.status === 200 && (status === 'applied' || status === 'unchanged') && warnings.length === 0) return [status];
        if (answer.status === 202 && status === 'observed' && observedWarning(warnings)) return ['observed'];
        return [unexpected({ status: answer.status, body: answer.body })];
      }
      const lines = figures.map(([product, onHand]) => ({ op: 'set', ...line(product, onHand, extra.sourceTimestamp) }));
      const answer = await scene.admin('POST', '/api/v1/stock-levels/batch', { json: { connectionId, ...CREATE, lines } });
      if (answer.status !== 200) return figures.map(() => unexpected({ status: answer.status, body: answer.body }));
      const reports = answer.body.lines as { status: string; warnings: { code: string }[] }[];
      const observedCount = reports.filter((r) => r.status === 'observed').length;
      if (answer.body.counts.observed !== observedCount) return figures.map(() => unexpected({ counts: answer.body.counts }));
      return reports.map((r) => {
        if ((r.status === 'applied' || r.status === 'unchanged') && r.warnings.length === 0) return r.status;
        return r.status === 'observed' && observedWarning(r.warnings) ? 'observed' : unexpected(r);
      });
    },
  };
}

/** A RetailOPS connection pushing each SKU's whole availability at one facility (`retailops:facility:<name>`). */
export async function retailopsReporter(scene: Scene, locationCode: string): Promise<Reporter> {
  const facility = /^retailops:facility:(.+)$/.exec(locationCode)?.[1];
  if (!facility) throw new Error(`RetailOPS names its facilities retailops:facility:<name>, not ${locationCode}`);
  const created = await scene.admin('POST', '/api/v1/retailops/connections', { json: { name: unique('retailops'), settings: { options: {} } } });
  if (created.status !== 201) throw new Error(`retailops connection answered ${created.status}: ${JSON.stringify(created.body)}`);
  const token: string = created.body.credentials.token;
  const anonymous = client(scene.target.baseUrl, null);
  return {
    dialect: 'retailops',
    connectionId: created.body.connection.id,
    locationCode,
    createsItems: true,
    async report(figures) {
      const updates = figures.map(([{ sku }, q]) => ({
        sku,
        quantity_available: q,
        quantity_detail: [{ quantity_type: 'internal', facility_name: facility, available_quantity: q, total_quantity: q }],
      }));
      const answer = await anonymous('POST', PUSH_V1, { json: sdkPush(token, updates) });
      if (answer.status !== 200 || sdkAnswerErrors(answer.body).length > 0) return figures.map(() => unexpected({ status: answer.status, body: answer.body }));
      const events = answer.body.events as { event_type: string; code: string; associations: { identifier: string }[] }[];
      const skus = new Set(figures.map(([p]) => p.sku));
      const stray = events.filter((e) => e.associations.length !== 1 || !skus.has(e.associations[0].identifier));
      if (stray.length > 0) return figures.map(() => unexpected(stray));
      return figures.map(([{ sku }]) => {
        const mine = events.filter((e) => e.associations[0].identifier === sku);
        if (mine.length === 0) return 'applied';
        return mine.every((e) => e.event_type === 'warning' && e.code === OBSERVED) ? 'observed' : unexpected(mine);
      });
    },
  };
}

/** A Kibo connection refreshing (or, with `adjust`, adjusting) on hand at `locationName`, waiting for the job. */
export async function kiboReporter(scene: Scene, locationCode: string): Promise<Reporter & { adjust: Reporter['report'] }> {
  const kibo = await kiboClient(scene.target.baseUrl, scene.admin);
  const run = async (call: 'refresh' | 'adjust', figures: readonly (readonly [Product, number])[]): Promise<Outcome[]> => {
    const items = figures.map(([{ sku }, quantity]) => ({ sku, quantity }));
    const queued = await kibo.call('POST', `/kibo/api/v5/inventory/${call}`, { json: { locationName: locationCode, items } });
    if (queued.status !== 200) return figures.map(() => unexpected({ status: queued.status, body: queued.body }));
    const job = await waitForJob(kibo.call, queued.body.jobID);
    if (job.status !== 'SUCCESS') return figures.map(() => unexpected(job));
    const messages = job.messages as string[];
    const prefixes = figures.map(([{ sku }], i) => `items[${i}] (sku ${sku}): `);
    const stray = messages.filter((m) => !prefixes.some((p) => m.startsWith(p)));
    if (stray.length > 0) return figures.map(() => unexpected(stray));
    return prefixes.map((prefix) => {
      const mine = messages.filter((m) => m.startsWith(prefix));
      if (mine.length === 0) return 'applied';
      return mine.length === 1 && mine[0].startsWith(`${prefix}${OBSERVED}: `) ? 'observed' : unexpected(mine);
    });
  };
  const connection = (await scene.admin('GET', '/api/v1/connections')).body.items.find((c: { credentialId: string }) => c.credentialId === kibo.credentialId);
  return { dialect: 'kibo', connectionId: connection.id, locationCode, createsItems: true, report: (f) => run('refresh', f), adjust: (f) => run('adjust', f) };
}

/** A Crux connection whose supplier location is `locationCode`: one product is a single update, several the bulk call. */
export async function cruxReporter(scene: Scene, locationCode: string): Promise<Reporter> {
  const created = await createConnection(scene.admin, 'crux', { defaultLocationCode: locationCode });
  const token = await cruxLogin(scene.target.baseUrl, created.connection.credentialId, created.credentials.secret);
  const crux = (path: string, json: unknown): Promise<Answer> =>
    client(scene.target.baseUrl, null)('POST', path, { json, headers: { authorization: `Token ${token}` } });
  const isObserved = (body: Record<string, unknown>, single: boolean): boolean => {
    const keys = single ? ['code', 'errors', 'message', 'status_code'] : ['message', 'status_code'];
    if (Object.keys(body).sort().join() !== keys.join() || body['status_code'] !== 202) return false;
    if (!/^accepted, not applied, kept as this connection's observation: ./.test(String(body['message']))) return false;
    return !single || (body['code'] === OBSERVED && Array.isArray(body['errors']) && body['errors'].length === 0);
  };
  return {
    dialect: 'crux',
    connectionId: created.connection.id,
    locationCode,
    createsItems: false,
    async report(figures) {
      if (figures.length === 1) {
        const answer = await crux(CRUX.update, { sku_id: figures[0][0].sku, quantity_in_stock: figures[0][1] });
        if (answer.status === 200 && JSON.stringify(answer.body) === '{"message":"success"}') return ['applied'];
        return [answer.status === 202 && isObserved(answer.body, true) ? 'observed' : unexpected({ status: answer.status, body: answer.body })];
      }
      const answer = await crux(
        CRUX.bulk,
        figures.map(([{ sku }, q]) => ({ sku_id: sku, quantity_in_stock: q })),
      );
      if (answer.status !== 200 || !Array.isArray(answer.body)) return figures.map(() => unexpected({ status: answer.status, body: answer.body }));
      return (answer.body as Record<string, unknown>[]).map((e) => {
        if (JSON.stringify(e) === '{"status_code":200,"message":"success"}') return 'applied';
        return isObserved(e, false) ? 'observed' : unexpected(e);
      });
    },
  };
}

/** A Comestri connection creating inventory records at the inventory source `locationCode`, product code = SKU. */
export async function comestriReporter(scene: Scene, locationCode: string): Promise<Reporter> {
  const created = await createConnection(scene.admin, 'comestri');
  const authorization = tokenHeader(created.credentials.token);
  return {
    dialect: 'comestri',
    connectionId: created.connection.id,
    locationCode,
    createsItems: true,
    async report(figures, extra = {}) {
      const outcomes: Outcome[] = [];
      for (const [{ sku }, qty] of figures) {
        const stamp = extra.sourceTimestamp ? { source_system_stock_timestamp: extra.sourceTimestamp } : {};
        const inventory = { inventory_source: locationCode, product_code: sku, qty, ...stamp };
        const answer = await client(scene.target.baseUrl, null)('POST', INVENTORIES, { json: { inventory }, headers: { authorization } });
        const status = answer.headers.get('x-tally-update-status');
        const warning = answer.headers.get('x-tally-update-warning');
        const record = answer.body as { qty?: number; inventory_source?: { name: string } };
        const sameRecord = record.qty === qty && record.inventory_source?.name === locationCode;
        if (answer.status === 201 && status === 'applied' && warning === null && sameRecord) outcomes.push('applied');
        else if (answer.status === 200 && status === 'unchanged' && sameRecord) outcomes.push('unchanged');
        else if (answer.status === 202 && status === 'observed' && !!warning && sameRecord) outcomes.push('observed');
        else outcomes.push(unexpected({ status: answer.status, updateStatus: status, warning, body: answer.body }));
      }
      return outcomes;
    },
  };
}

/**
 * A Marketplacer seller (a multi-store owner of its own) at `marketplacer-seller-<id>`, writing
 * one variant per PUT; the scene's variants are this owner's. DELETE via `remove`.
 */
export async function marketplacerReporter(
  scene: Scene,
  locationCode: string,
): Promise<Reporter & { remove(product: Product): Promise<Outcome>; lastAnswer(): Answer | undefined }> {
  const sellerId = Number(/^marketplacer-seller-(\d+)$/.exec(locationCode)?.[1]);
  if (!sellerId) throw new Error(`Marketplacer names its sellers' locations marketplacer-seller-<id>, not ${locationCode}`);
  const created = await createConnection(scene.admin, 'marketplacer', { options: { sellerId, sellerName: `Seller ${sellerId}` } });
  scene.marketplacerOwnerId = created.connection.id;
  const mp = marketplacerClient(scene.target.baseUrl, created.credentials.token);
  const variantOf = (product: Product): number => {
    if (product.variantId === undefined) throw new Error('Marketplacer writes variants only');
    return product.variantId;
  };
  let last: Answer | undefined;
  return {
    dialect: 'marketplacer',
    connectionId: created.connection.id,
    locationCode,
    createsItems: false,
    async report(figures) {
      const outcomes: Outcome[] = [];
      for (const [product, count] of figures) {
        const json = { data: [{ type: 'inventories', attributes: { count_on_hand: count, seller_id: sellerId } }] };
        const answer = (last = await mp('PUT', inventoriesPath(variantOf(product)), { json }));
        if (answer.status === 200 && Array.isArray(answer.body.data) && answer.body.meta === undefined) outcomes.push('applied');
        else if (answer.status === 202 && Array.isArray(answer.body.data) && isNotApplied(answer.body.meta)) outcomes.push('observed');
        else outcomes.push(unexpected({ status: answer.status, body: answer.body }));
      }
      return outcomes;
    },
    async remove(product) {
      const answer = (last = await mp('DELETE', `${inventoriesPath(variantOf(product))}/${sellerId}`));
      if (answer.status === 204 && answer.body === '') return 'applied';
      if (answer.status === 202 && answer.body.data === undefined && isNotApplied(answer.body.meta)) return 'observed';
      return unexpected({ status: answer.status, body: answer.body });
    },
    lastAnswer: () => last,
  };
}

function isNotApplied(meta: unknown): boolean {
  const list = (meta as { not_applied?: { pointer: string; code: string; detail: string }[] } | undefined)?.not_applied;
  return (
    Array.isArray(list) &&
    list.length === 1 &&
    Object.keys(list[0]).sort().join() === 'code,detail,pointer' &&
    list[0].pointer === '/data/0' &&
    list[0].code === OBSERVED &&
    list[0].detail.length > 0
  );
}
