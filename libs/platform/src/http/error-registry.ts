export type Language = 'en' | 'ja';

export interface ErrorDefinition {
  status: number;
  title: string;
  en: string;
  ja: string;
}

/**
 * Every error code the API can answer with, its HTTP status and its message templates.
 * `{name}` placeholders are filled from the error's params. Served at GET /api/v1/meta/errors.
 */
export const ERROR_REGISTRY = {
  AUTH001: {
    status: 401,
    title: 'Invalid credentials',
    en: 'Invalid username or password',
    ja: 'ユーザー名またはパスワードが正しくありません',
  },
  AUTH002: {
    status: 401,
    title: 'Token expired',
    en: 'The access token has expired',
    ja: 'アクセストークンの有効期限が切れています',
  },
  AUTH003: {
    status: 401,
    title: 'Token invalid',
    en: 'The credentials are missing or invalid',
    ja: '認証情報がないか、無効です',
  },
  AUTH004: {
    status: 403,
    title: 'Insufficient permissions',
    en: 'You do not have permission to {action} {subject}',
    ja: '{subject} を {action} する権限がありません',
  },
  VAL001: {
    status: 422,
    title: 'Required field missing',
    en: "Required field '{field}' is missing",
    ja: "必須フィールド '{field}' がありません",
  },
  VAL002: {
    status: 422,
    title: 'Invalid format',
    en: "Field '{field}' has an invalid value",
    ja: "フィールド '{field}' の値が不正です",
  },
  VAL003: {
    status: 422,
    title: 'Value out of range',
    en: "Field '{field}' is out of range",
    ja: "フィールド '{field}' の値が範囲外です",
  },
  BIZ001: {
    status: 409,
    title: 'Resource already exists',
    en: '{resource} with this {field} already exists',
    ja: '同じ {field} の {resource} が既に存在します',
  },
  BIZ002: {
    status: 404,
    title: 'Resource not found',
    en: '{resource} not found',
    ja: '{resource} が見つかりません',
  },
  BIZ003: {
    status: 409,
    title: 'Operation not allowed',
    en: 'This operation is not allowed: {reason}',
    ja: 'この操作は許可されていません: {reason}',
  },
  SYS001: {
    status: 503,
    title: 'Database unavailable',
    en: 'The database is temporarily unavailable, please retry',
    ja: 'データベースが一時的に利用できません。再試行してください',
  },
  SYS002: {
    status: 502,
    title: 'External service error',
    en: 'An external service failed',
    ja: '外部サービスでエラーが発生しました',
  },
  SYS003: {
    status: 500,
    title: 'Internal error',
    en: 'An internal error occurred',
    ja: '内部エラーが発生しました',
  },
  SYS004: {
    status: 503,
    title: 'Shutting down',
    en: 'This instance is shutting down, retry on another',
    ja: 'このインスタンスは停止処理中です。別のインスタンスで再試行してください',
  },
  RATE001: {
    status: 429,
    title: 'Rate limit exceeded',
    en: 'Too many requests, retry later',
    ja: 'リクエストが多すぎます。しばらくしてから再試行してください',
  },
  VER001: {
    status: 400,
    title: 'Unsupported API version',
    en: 'API version {version} is not supported',
    ja: 'API バージョン {version} はサポートされていません',
  },
  CONC001: {
    status: 412,
    title: 'Precondition failed',
    en: 'The resource was changed by someone else (stale If-Match)',
    ja: 'リソースは他のユーザーによって変更されています (If-Match が古い)',
  },
  CONC002: {
    status: 428,
    title: 'Precondition required',
    en: 'An If-Match header is required',
    ja: 'If-Match ヘッダーが必要です',
  },
  IDEM001: {
    status: 422,
    title: 'Idempotency key reused',
    en: 'The Idempotency-Key was used with a different request',
    ja: 'Idempotency-Key が別のリクエストで使用されています',
  },
  IDEM002: {
    status: 409,
    title: 'Request in progress',
    en: 'A request with this Idempotency-Key is still in progress',
    ja: 'この Idempotency-Key のリクエストは処理中です',
  },
  REQ001: {
    status: 413,
    title: 'Payload too large',
    en: 'The request body is too large',
    ja: 'リクエスト本文が大きすぎます',
  },
  REQ002: {
    status: 404,
    title: 'Route not found',
    en: 'No route matches {method} {path}',
    ja: '{method} {path} に一致するルートがありません',
  },
  REQ003: {
    status: 400,
    title: 'Malformed request',
    en: 'The request body is not valid JSON',
    ja: 'リクエスト本文が正しい JSON ではありません',
  },
  REQ004: {
    status: 415,
    title: 'Unsupported media type',
    en: 'Only application/json is accepted',
    ja: 'application/json のみ受け付けます',
  },
  REQ005: {
    status: 405,
    title: 'Method not allowed',
    en: 'Method not allowed',
    ja: 'このメソッドは許可されていません',
  },
} as const satisfies Record<string, ErrorDefinition>;

export type ErrorCode = keyof typeof ERROR_REGISTRY;

/** Field-level message for a property the endpoint does not accept (code VAL002). */
export const UNKNOWN_FIELD_MESSAGE: Record<Language, string> = {
  en: "Unknown field '{field}'",
  ja: "不明なフィールド '{field}' です",
};

export const isErrorCode = (code: string): code is ErrorCode => Object.hasOwn(ERROR_REGISTRY, code);

/** Fills a template's `{name}` placeholders; unknown names are left out rather than printed raw. */
export function renderMessage(code: ErrorCode, language: Language, params: Record<string, unknown>): string {
  return ERROR_REGISTRY[code][language].replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    return typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
      ? String(value)
      : '';
  });
}

/** Picks `ja` when the client prefers it over English, else `en`. */
export function pickLanguage(acceptLanguage: string | undefined): Language {
  if (!acceptLanguage) return 'en';
  const ranked = acceptLanguage
    .split(',')
    .map((part) => {
      const [tag, ...rest] = part.trim().toLowerCase().split(';');
      const q = rest.find((p) => p.trim().startsWith('q='));
      return { tag: tag.split('-')[0], q: q ? Number(q.trim().slice(2)) : 1 };
    })
    .filter((l) => (l.tag === 'en' || l.tag === 'ja') && l.q > 0)
    .sort((a, b) => b.q - a.q);
  return ranked[0]?.tag === 'ja' ? 'ja' : 'en';
}
