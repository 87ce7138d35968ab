import { PlaceNumberRepository, type NumberedPlace } from '@tally/inventory-application';

type NumberedRow = NumberedPlace & { readonly tenantId: string; readonly placeNumber: number };

/** Place numbers kept in a list: one sequence for every tenant, as in the database (ADR 0032). */
export class InMemoryPlaceNumbers extends PlaceNumberRepository {
  readonly rows: NumberedRow[] = [];

  async numbersOf(tenantId: string, places: readonly NumberedPlace[]): Promise<number[]> {
    return places.map(({ itemId, locationId }) => {
      const found = this.rows.find((r) => r.tenantId === tenantId && r.itemId === itemId && r.locationId === locationId);
      if (found) return found.placeNumber;
      const row = { tenantId, itemId, locationId, placeNumber: this.rows.length + 1 };
      this.rows.push(row);
      return row.placeNumber;
    });
  }

  async placeOf(tenantId: string, placeNumber: number): Promise<NumberedPlace | null> {
    const row = this.rows.find((r) => r.tenantId === tenantId && r.placeNumber === placeNumber);
    return row ? { itemId: row.itemId, locationId: row.locationId } : null;
  }
}
