import { randomUUID } from 'node:crypto';
import type { Persistence } from '@tally/persistence-sql';

/** The places written, in batches, and the tenant that owns them. */
export interface Workload {
  readonly tenantId: string;
  readonly batches: { itemId: string; locationId: string }[][];
  readonly lines: number;
  /**
   * The vendor connection whose report the lines are, if any: the application path then also
   * keeps each line as that connection's observation, so the raw path writes it too.
   */
  readonly connectionId?: string;
}

/** Sizes of a run; BENCH_SCALE (e.g. 0.1) shrinks the item count. */
export interface BenchSize {
  readonly items: number;
  readonly locations: number;
  readonly batchSize: number;
}

/** On-hand value a line writes in a phase: different per phase, so updates change every level. */
export const valueOf = (phase: 'insert' | 'update', index: number): number => (index % 97) + (phase === 'insert' ? 1 : 2);

/** Creates a tenant, its items and locations through the repositories, and cuts the places into batches. */
export async function seedWorkload(p: Persistence, size: BenchSize): Promise<Workload> {
  const tenantId = randomUUID();
  const at = new Date().toISOString();
  await p.tenants.create({ id: tenantId, name: 'bench', createdAt: at });
  const itemIds: string[] = [];
  for (let start = 0; start < size.items; start += 1000) {
    const chunk = Array.from({ length: Math.min(1000, size.items - start) }, (_, i) => ({ identifiers: [{ sku: `BENCH-${start + i}` }], name: null }));
    itemIds.push(...(await p.items.createMany(tenantId, chunk, at)));
  }
  const codes = Array.from({ length: size.locations }, (_, i) => `WH-${i}`);
  const locationIds = (await p.locations.ensureMany(tenantId, codes, 'warehouse', at)).map((l) => l.id);
  const places = itemIds.flatMap((itemId) => locationIds.map((locationId) => ({ itemId, locationId })));
  const batches: Workload['batches'] = [];
  for (let i = 0; i < places.length; i += size.batchSize) batches.push(places.slice(i, i + size.batchSize));
  return { tenantId, batches, lines: places.length };
}
