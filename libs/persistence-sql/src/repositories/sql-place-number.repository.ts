import { PlaceNumberRepository, type NumberedPlace } from '@tally/inventory-application';
import { retriedTransaction } from '../inventory/retry.policy';
import type { SqlGate } from '../sql/sql-gate';
import type { SqlSession } from '../sql/sql-session';

// node-postgres answers a bigint as a string; numbers stay far below 2^53.
type NumberRow = { place_number: number | string; item_id: string; location_id: string };

// Places per statement: a list page has at most 100, so one statement in practice.
const CHUNK = 200;

const placeKey = (itemId: string, locationId: string): string => `${itemId}\u0000${locationId}`;

/**
 * Place numbers in plain SQL (ADR 0032). Reading the numbers of places that have one is a read;
 * only places seen for the first time take the write lock, with the store's retries, and a
 * concurrent first read of the same place gets the same number (`ON CONFLICT DO NOTHING`, then
 * read again).
 */
export class SqlPlaceNumberRepository extends PlaceNumberRepository {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async numbersOf(tenantId: string, places: readonly NumberedPlace[]): Promise<number[]> {
    if (places.length === 0) return [];
    let known = await this.gate.session((s) => this.find(s, tenantId, places));
    const missing = distinct(places.filter((p) => !known.has(placeKey(p.itemId, p.locationId))));
    if (missing.length > 0) {
      const at = new Date().toISOString();
      known = await retriedTransaction(this.gate, async (s) => {
        for (let i = 0; i < missing.length; i += CHUNK) {
          const chunk = missing.slice(i, i + CHUNK);
          await s.run(
            `INSERT INTO place_numbers (tenant_id, item_id, location_id, created_at) VALUES ${chunk.map(() => '(?, ?, ?, ?)').join(', ')}
              ON CONFLICT (tenant_id, location_id, item_id) DO NOTHING`,
            chunk.flatMap((p) => [tenantId, p.itemId, p.locationId, at]),
          );
        }
        return this.find(s, tenantId, places);
      });
    }
    return places.map((p) => {
      const found = known.get(placeKey(p.itemId, p.locationId));
      if (found === undefined) throw new Error('a place number just allocated could not be read back');
      return found;
    });
  }

  async placeOf(tenantId: string, placeNumber: number): Promise<NumberedPlace | null> {
    if (!Number.isSafeInteger(placeNumber) || placeNumber < 1) return null;
    const [row] = await this.gate.session((s) =>
      s.all<NumberRow>('SELECT place_number, item_id, location_id FROM place_numbers WHERE place_number = ? AND tenant_id = ?', [placeNumber, tenantId]),
    );
    return row ? { itemId: row.item_id, locationId: row.location_id } : null;
  }

  private async find(s: SqlSession, tenantId: string, places: readonly NumberedPlace[]): Promise<Map<string, number>> {
    const found = new Map<string, number>();
    for (let i = 0; i < places.length; i += CHUNK) {
      const chunk = places.slice(i, i + CHUNK);
      const items = [...new Set(chunk.map((p) => p.itemId))];
      const locations = [...new Set(chunk.map((p) => p.locationId))];
      // Items × locations of the chunk: a superset of its places, filtered by the map's lookups.
      const rows = await s.all<NumberRow>(
        `SELECT place_number, item_id, location_id FROM place_numbers
          WHERE tenant_id = ? AND location_id IN (${locations.map(() => '?').join(', ')}) AND item_id IN (${items.map(() => '?').join(', ')})`,
        [tenantId, ...locations, ...items],
      );
      for (const row of rows) found.set(placeKey(row.item_id, row.location_id), Number(row.place_number));
    }
    return found;
  }
}

function distinct(places: readonly NumberedPlace[]): NumberedPlace[] {
  const seen = new Map<string, NumberedPlace>();
  for (const p of places) seen.set(placeKey(p.itemId, p.locationId), p);
  return [...seen.values()];
}
