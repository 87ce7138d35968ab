import { BigIntType, EntitySchema, type EntitySchemaMetadata } from '@mikro-orm/core';
import { columnsOf, columnSpec, type ColumnOf, type ColumnSpec, type TableName } from '../schema/schema.catalogue';

type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** The record entity property of each column of a table: the column's name in camelCase. */
export type PropertyOf<T extends TableName> = CamelCase<ColumnOf<T>>;

// Empty when the record class has exactly one property per catalogued column; otherwise it asks
// for an argument that cannot be given, so the mismatch fails to compile.
type SameProperties<R, T extends TableName> = [keyof R] extends [PropertyOf<T>] ? ([PropertyOf<T>] extends [keyof R] ? [] : [missing: never]) : [extra: never];

const camelCase = (column: string): string => column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());

function propertyOf(column: string, spec: ColumnSpec): Record<string, unknown> {
  const type =
    spec.type === 'bigint' ? new BigIntType('number') : spec.type === 'int' ? 'integer' : spec.type === 'bool' ? 'boolean' : spec.length ? 'string' : 'text';
  return {
    type,
    fieldName: column,
    ...(spec.length ? { length: spec.length } : {}),
    ...(spec.nullable ? { nullable: true } : {}),
    ...(spec.primary ? { primary: true } : {}),
    ...(spec.autoincrement ? { autoincrement: true } : {}),
  };
}

/** Indexes and unique constraints the migrations create, named for the ORM's metadata. */
export type RecordIndexes<R> = Pick<EntitySchemaMetadata<R>, 'indexes' | 'uniques'>;

/**
 * The MikroORM mapping of a record class onto a catalogued table (ADR 0036): one property per
 * column, with the column's type, length, nullability and key from the schema catalogue.
 */
export function recordSchema<R, T extends TableName>(
  cls: new () => R,
  table: T,
  indexes: RecordIndexes<R>,
  ...sameProperties: SameProperties<R, T>
): EntitySchema<R> {
  void sameProperties;
  const properties = Object.fromEntries(columnsOf(table).map((column) => [camelCase(column), propertyOf(column, columnSpec(table, column))]));
  return new EntitySchema<R>({ class: cls, tableName: table, ...indexes, properties } as unknown as EntitySchemaMetadata<R>);
}
