/** A place of a tenant: one item at one location. */
export interface NumberedPlace {
  readonly itemId: string;
  readonly locationId: string;
}

/**
 * Positive integers that name places (item × location), for dialects whose records carry an
 * integer id (Comestri). A place gets its number the first time one is asked for and keeps it;
 * a number is never given to another place (ADR 0032).
 */
export abstract class PlaceNumberRepository {
  /** The number of each place, allocating one for places that have none yet; in input order. */
  abstract numbersOf(tenantId: string, places: readonly NumberedPlace[]): Promise<number[]>;
  /** The place a number names in this tenant, or null (unknown, or another tenant's). */
  abstract placeOf(tenantId: string, placeNumber: number): Promise<NumberedPlace | null>;
}
