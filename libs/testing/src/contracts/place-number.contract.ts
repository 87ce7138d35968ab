import { seedTenant, useSubject, type OpenPersistenceSubject } from './persistence-subject';

/** What every PlaceNumberRepository adapter promises (ADR 0032). */
export function describePlaceNumberRepositoryContract(name: string, open: OpenPersistenceSubject): void {
  describe(`PlaceNumberRepository contract (${name})`, () => {
    const subject = useSubject(open);

    it('gives each place one positive integer on first sight and the same one afterwards, in input order', async () => {
      const s = subject();
      const { tenantId, items, locations } = await seedTenant(s, { items: 2, locations: 2 });
      const places = [
        { itemId: items[0].id, locationId: locations[0].id },
        { itemId: items[1].id, locationId: locations[0].id },
        { itemId: items[0].id, locationId: locations[1].id },
      ];
      const first = await s.placeNumbers.numbersOf(tenantId, places);
      expect(first.every((n) => Number.isSafeInteger(n) && n > 0)).toBe(true);
      expect(new Set(first).size).toBe(3);
      expect(await s.placeNumbers.numbersOf(tenantId, [places[2], places[0], places[2]])).toEqual([first[2], first[0], first[2]]);
      expect(await s.placeNumbers.placeOf(tenantId, first[1])).toEqual(places[1]);
      expect(await s.placeNumbers.numbersOf(tenantId, [])).toEqual([]);
    });

    it('never gives one number to two places, across tenants, and names no place with a foreign or invalid number', async () => {
      const s = subject();
      const one = await seedTenant(s, { items: 1, locations: 1 });
      const other = await seedTenant(s, { items: 1, locations: 1 });
      const [n] = await s.placeNumbers.numbersOf(one.tenantId, [{ itemId: one.items[0].id, locationId: one.locations[0].id }]);
      const [m] = await s.placeNumbers.numbersOf(other.tenantId, [{ itemId: other.items[0].id, locationId: other.locations[0].id }]);
      expect(m).not.toBe(n);
      expect(await s.placeNumbers.placeOf(other.tenantId, n)).toBeNull();
      for (const bad of [0, -1, 1.5, 2 ** 60, Number.NaN]) expect(await s.placeNumbers.placeOf(one.tenantId, bad)).toBeNull();
    });
  });
}
