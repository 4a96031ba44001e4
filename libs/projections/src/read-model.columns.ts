import type { EntitySchemaColumnOptions, ValueTransformer } from 'typeorm';

/** pg returns int8 as a string (it may exceed 2^53); positions are bigint inside the process. */
export const bigintTransformer: ValueTransformer = {
  to: (value: bigint | null | undefined) => (value === null || value === undefined ? value : value.toString()),
  from: (value: string | null) => (value === null ? null : BigInt(value)),
};

/** A global-position column: `bigint` in SQL and in TypeScript. */
export const positionColumn = (name: string): EntitySchemaColumnOptions => ({
  name,
  type: 'bigint',
  transformer: bigintTransformer,
});
