/** A timestamp column's value (a `Date`, or a string when the driver hands one back) as ISO 8601. */
export const iso = (value: Date | string): string =>
  (value instanceof Date ? value : new Date(value)).toISOString();
