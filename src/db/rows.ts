// Rows as the repos hand them on: parsed with zod at the database boundary, snake_case columns
// renamed to camelCase fields. Every repo uses these, instead of a parse-and-rename function
// of its own per table.
import { z } from 'zod';

/** CamelCase is the camelCase name of a snake_case column, as a type (`stadsdorp_id` → `stadsdorpId`). */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}`
  ? `${Head}${Capitalize<CamelCase<Tail>>}`
  : S;

/** Camel is a row with every column under its camelCase name. */
export type Camel<T> = { [K in keyof T as K extends string ? CamelCase<K> : K]: T[K] };

/** RowSchema is a zod object schema of one row, columns as SQL names them. */
export type RowSchema = z.ZodType<Record<string, unknown>>;

/** camelCase is the camelCase name of a snake_case column. */
export function camelCase(column: string): string {
  return column.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

/** rowOf parses one row with its schema and renames its columns to camelCase. */
export function rowOf<S extends RowSchema>(schema: S, raw: unknown): Camel<z.output<S>> {
  const parsed = schema.parse(raw);
  const out: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(parsed)) out[camelCase(column)] = value;
  return out as Camel<z.output<S>>;
}

/** rowsOf is rowOf for every row of a result. */
export function rowsOf<S extends RowSchema>(schema: S, raws: readonly unknown[]): Camel<z.output<S>>[] {
  return raws.map((raw) => rowOf(schema, raw));
}

/** sqlBoolean reads SQLite's 0 or 1 as a boolean. */
export const sqlBoolean = z.number().transform((n) => n === 1);

/** sqlJson reads a JSON text column and checks what it holds with `schema` (throwing its ZodError). */
export function sqlJson<S extends z.ZodType>(schema: S) {
  return z.string().transform((text): z.output<S> => schema.parse(JSON.parse(text)));
}
