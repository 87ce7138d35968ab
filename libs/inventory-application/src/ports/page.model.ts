/** A request for one page: `cursor` is opaque, from the previous page's `nextCursor`. */
export interface PageRequest {
  readonly limit: number;
  readonly cursor: string | null;
}

/** One page of results. */
export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}
