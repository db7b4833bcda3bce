import type { ValueTransformer } from 'typeorm';

/** Datetime with milliseconds, the same on SQLite and MySQL (MariaDB drops ms without precision). */
export const DATETIME = { type: 'datetime', precision: 3 } as const;

/** MySQL returns DECIMAL and BIGINT as strings; read them back as JS numbers. */
export const numberTransformer: ValueTransformer = {
  to: (value: number | null | undefined) => value,
  from: (value: string | number | null) => (value === null || value === undefined ? value : Number(value)),
};

/** Integer cents (bigint): exact up to 2^53. */
export const CENTS = { type: 'bigint', transformer: numberTransformer } as const;

/** Quantities of stock: fixed point with 3 decimals. */
export const QUANTITY = { type: 'decimal', precision: 14, scale: 3, transformer: numberTransformer } as const;

/** SQLite stores datetimes as text: make sure reads come back as Date in every driver. */
export const dateTransformer: ValueTransformer = {
  to: (value: Date | null | undefined) => value,
  from: (value: string | Date | null) =>
    value === null || value === undefined
      ? value
      : value instanceof Date
        ? value
        : new Date(value.endsWith('Z') ? value : `${value.replace(' ', 'T')}Z`),
};
