import { ERROR_REGISTRY, pickLanguage, renderMessage } from './error-registry';
import { toValidationFailure } from './request-validation';

describe('error registry', () => {
  it('has a status and both languages for every code, in the contract families', () => {
    for (const [code, def] of Object.entries(ERROR_REGISTRY)) {
      expect(code).toMatch(/^(AUTH|VAL|BIZ|SYS|RATE|VER|CONC|IDEM|REQ)\d{3}$/);
      expect(def.status).toBeGreaterThanOrEqual(400);
      expect(def.en.length).toBeGreaterThan(0);
      expect(def.ja.length).toBeGreaterThan(0);
      expect(def.ja).not.toEqual(def.en);
    }
  });

  it('keeps the statuses fixed by the contract', () => {
    const fixed = {
      AUTH001: 401,
      AUTH002: 401,
      AUTH003: 401,
      AUTH004: 403,
      VAL001: 422,
      VAL002: 422,
      VAL003: 422,
      BIZ001: 409,
      BIZ002: 404,
      BIZ003: 409,
      SYS001: 503,
      SYS002: 502,
      SYS003: 500,
      RATE001: 429,
      VER001: 400,
      CONC001: 412,
      CONC002: 428,
      IDEM001: 422,
      IDEM002: 409,
      REQ001: 413,
    };
    for (const [code, status] of Object.entries(fixed))
      expect(ERROR_REGISTRY[code as keyof typeof ERROR_REGISTRY].status).toBe(status);
  });

  it('fills placeholders and drops unknown ones', () => {
    expect(renderMessage('BIZ002', 'en', { resource: 'Task' })).toBe('Task not found');
    expect(renderMessage('BIZ002', 'ja', { resource: 'Task' })).toBe('Task が見つかりません');
    expect(renderMessage('VAL001', 'en', {})).toBe("Required field '' is missing");
  });

  it.each([
    [undefined, 'en'],
    ['ja', 'ja'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
    ['en-US,ja;q=0.5', 'en'],
    ['fr-FR,ja;q=0.3', 'ja'],
    ['fr', 'en'],
    ['ja;q=0', 'en'],
  ])('picks the language for Accept-Language %s', (header, expected) => {
    expect(pickLanguage(header)).toBe(expected);
  });
});

describe('validation failures', () => {
  it('reports missing fields first as VAL001, ranges as VAL003, unknown properties as VAL002', () => {
    const failure = toValidationFailure([
      {
        property: 'extra',
        value: 1,
        constraints: { whitelistValidation: 'property extra should not exist' },
        children: [],
      },
      {
        property: 'size',
        value: 500,
        constraints: { max: 'size must not be greater than 100' },
        children: [],
      },
      {
        property: 'title',
        value: undefined,
        constraints: { isString: 'title must be a string' },
        children: [],
      },
    ]);
    expect(failure.code).toBe('VAL001');
    expect(failure.problems).toEqual([
      { field: 'title', code: 'VAL001', invalidValue: null },
      { field: 'size', code: 'VAL003', invalidValue: 500 },
      { field: 'extra', code: 'VAL002', invalidValue: 1, unknown: true },
    ]);
  });
});

describe('validation codes do not depend on decorator order', () => {
  const problem = (value: unknown, constraints: Record<string, string>) =>
    toValidationFailure([{ property: 'f', value, constraints, children: [] }]).code;

  it('is VAL002 for a wrong type even when a range rule also failed', () => {
    expect(problem('ten', { max: 'm', isInt: 'i' })).toBe('VAL002');
    expect(problem(42, { isString: 's', maxLength: 'l' })).toBe('VAL002');
  });

  it('is VAL003 when only size or range rules failed, VAL001 when absent', () => {
    expect(problem('x'.repeat(300), { maxLength: 'l' })).toBe('VAL003');
    expect(problem(500, { max: 'm' })).toBe('VAL003');
    expect(problem(undefined, { isString: 's', isNotEmpty: 'n' })).toBe('VAL001');
  });
});
