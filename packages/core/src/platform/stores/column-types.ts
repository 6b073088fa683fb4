import type { ColumnType } from 'kysely';

/** A timestamp with a database default: optional on insert, a Date when read. */
export type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
export type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
/** jsonb written as a JSON string (pg sends it as text) and read back parsed. */
export type Json<T> = ColumnType<T, string, string>;
