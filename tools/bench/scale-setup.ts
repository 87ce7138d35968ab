/**
 * Set-up of `npm run bench:scale`, through the API as any client would: tenants of their own
 * (opened with the operator key), in each the connections and items of writes-setup.ts (Crux,
 * with the levels the canonical set and Crux streams change) and a Kibo connection whose refresh
 * jobs name those items; then each Kibo submitter's first job, which creates its location's levels.
 */
import { Client as PgClient } from 'pg';
import { client, createTenant, expectStatus, kiboToken } from '@tally/test-support';
import type { BenchDatabase } from './bench-database';
import { waitForJobs, type KiboSlots, type ScaleTenant, type SubmittedJob } from './scale-load';
import { writeRoutes, type WriteRoute } from './writes-routes';
import { setUp } from './writes-setup';

/** The ids of a tenant's items, read from the database. */
async function itemIdsOf(db: BenchDatabase, tenantId: string): Promise<string[]> {
  const pg = new PgClient({ connectionString: db.url });
  await pg.connect();
  try {
    const { rows } = await pg.query("SELECT item_id AS id FROM item_identifiers WHERE tenant_id = $1 AND kind = 'sku' ORDER BY value", [tenantId]);
    return rows.map((r: { id: string }) => r.id);
  } finally {
    await pg.end();
  }
}

const routeNamed = (routes: readonly WriteRoute[], name: string): WriteRoute => {
  const route = routes.find((r) => r.name === name);
  if (!route) throw new Error(`no write route ${name}`);
  return route;
};

/** Opens `count` tenants with `items` items each, and runs each Kibo slot's first job. */
export async function setUpTenants(
  db: BenchDatabase,
  url: string,
  operatorKey: string,
  count: number,
  items: number,
  slots: KiboSlots,
): Promise<ScaleTenant[]> {
  const tenants: ScaleTenant[] = [];
  for (let t = 0; t < count; t++) {
    const { tenantId, adminKey } = await createTenant(client(url, operatorKey));
    // Each tenant has streams of its own, so each visits all its places with a new value each time.
    const routes = writeRoutes({ items, batchLines: 1, marketplacerMembers: 0 });
    const [set, crux] = [routeNamed(routes, 'set'), routeNamed(routes, 'crux-update')];
    const fixture = await setUp(url, adminKey, [set, crux], { items, members: 0, raw: false });
    const kibo = expectStatus(
      await client(url, adminKey)('POST', '/api/v1/connections', { json: { dialect: 'kibo', name: 'bench kibo', settings: { unknownItemPolicy: 'reject' } } }),
      'the Kibo connection',
    );
    const token = await kiboToken(url, kibo.connection.credentialId, kibo.credentials.secret);
    tenants.push({ fixture, kiboToken: token, itemIds: await itemIdsOf(db, tenantId), set, crux });
  }
  const first: SubmittedJob[] = [];
  for (let slot = 0; slot < slots.count; slot++) {
    const token = tenants[slot % tenants.length].kiboToken;
    const answer = await client(url, token)('POST', '/kibo/api/v5/inventory/refresh', {
      raw: slots.next(slot),
      headers: { 'content-type': 'application/json' },
    });
    first.push({ id: Number(expectStatus(answer, 'a Kibo refresh').jobID), token, items: slots.itemsPerJob });
  }
  await waitForJobs(url, first);
  return tenants;
}
