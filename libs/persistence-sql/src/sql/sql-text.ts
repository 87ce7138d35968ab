import type { SqlValue } from './sql-session';

/** A statement assembled from optional fragments, each with its own bound values. */
export class SqlText {
  constructor(
    public sql: string,
    readonly params: SqlValue[] = [],
  ) {}

  /** Appends a fragment and the values of its `?` placeholders. */
  add(fragment: string, ...values: SqlValue[]): this {
    this.sql += fragment;
    this.params.push(...values);
    return this;
  }
}
