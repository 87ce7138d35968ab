import { PlaceNumberRepository, type NumberedPlace } from '@tally/inventory-application';

/** Place numbers from one counter shared by every tenant, as the SQL sequence (ADR 0032). */
export class InMemoryPlaceNumberRepository extends PlaceNumberRepository {
  private readonly byPlace = new Map<string, number>();
  private readonly byNumber = new Map<number, { tenantId: string; place: NumberedPlace }>();

  async numbersOf(tenantId: string, places: readonly NumberedPlace[]): Promise<number[]> {
    return places.map((place) => {
      const key = `${tenantId}|${place.itemId}|${place.locationId}`;
      let n = this.byPlace.get(key);
      if (n === undefined) {
        n = this.byNumber.size + 1;
        this.byPlace.set(key, n);
        this.byNumber.set(n, { tenantId, place: { itemId: place.itemId, locationId: place.locationId } });
      }
      return n;
    });
  }

  async placeOf(tenantId: string, placeNumber: number): Promise<NumberedPlace | null> {
    const found = this.byNumber.get(placeNumber);
    return found && found.tenantId === tenantId ? found.place : null;
  }
}
