/** class-transformer `@Transform` functions turning environment strings into typed settings. */
export const toBool = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' && value !== ''
    ? ['1', 'true', 'yes', 'on'].includes(value.toLowerCase())
    : value === ''
      ? undefined
      : value;
export const toInt = ({ value }: { value: unknown }): unknown =>
  value === undefined || value === '' ? undefined : Number(value);
export const toList = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string'
    ? value
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean)
    : value;
export const emptyToUndefined = ({ value }: { value: unknown }): unknown =>
  value === '' ? undefined : value;
