/** What a redacted value is replaced with. */
export const REDACTED = '[REDACTED]';

/** Fields that hold a credential whatever object they are in: never logged. */
export const SECRET_FIELDS = [
  'password',
  'token',
  'refresh_token',
  'access_token',
  'id_token',
  'secret',
  'client_secret',
  'api_key',
] as const;

/** Request and response headers that carry credentials (lower case, as Node gives them). */
export const SECRET_HEADERS = ['authorization', 'cookie', 'set-cookie', 'x-api-key'] as const;

/** How deep below the logged object a secret field is still found (`a.b.c.password`). */
const FIELD_DEPTH = 4;

const field = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? `.${name}` : `["${name}"]`);

/**
 * pino `redact` paths: every `SECRET_FIELDS` name at the top of a log object and up to
 * `FIELD_DEPTH` levels below it, and every `SECRET_HEADERS` header of any `headers` object there.
 */
export function redactPaths(): string[] {
  const prefixes = Array.from({ length: FIELD_DEPTH + 1 }, (_, depth) => '*.'.repeat(depth));
  const names = [...SECRET_FIELDS.map(field), ...SECRET_HEADERS.map((h) => `.headers${field(h)}`)];
  return prefixes.flatMap((prefix) =>
    names.map((name) => `${prefix}${name.slice(name.startsWith('.') ? 1 : 0)}`),
  );
}

/** Secrets recognised by their shape wherever they appear in a line, message text included. */
const SECRET_SHAPES: RegExp[] = [
  // API keys (`erpk_<lookup>_<secret>`).
  /erpk_[\w-]+/g,
  // JSON web tokens (own access tokens, realm access/refresh/ID tokens).
  /eyJ[\w-]+\.[\w-]+\.[\w-]*/g,
  // A bearer credential written out (`Authorization: Bearer ...`).
  /(bearer\s+)[\w.~+/=-]{8,}/gi,
];

/** `text` with every secret of a recognised shape replaced by `REDACTED`. */
export function scrubSecrets(text: string): string {
  let scrubbed = text;
  for (const shape of SECRET_SHAPES)
    scrubbed = scrubbed.replace(shape, (_match, bearer?: string) =>
      typeof bearer === 'string' ? `${bearer}${REDACTED}` : REDACTED,
    );
  return scrubbed;
}
