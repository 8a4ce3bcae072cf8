import { canonicalJson, toPlainJson } from './canonical-json';

describe('canonical JSON', () => {
  it('sorts keys at every level, drops undefined members and adds no whitespace', () => {
    expect(canonicalJson({ b: 1, a: { d: [3, { z: null, y: 'x' }], c: undefined } })).toBe(
      '{"a":{"d":[3,{"y":"x","z":null}]},"b":1}',
    );
  });

  it('is the same text whatever the insertion order', () => {
    expect(canonicalJson({ x: 1, y: 2 })).toBe(canonicalJson({ y: 2, x: 1 }));
  });

  it('escapes strings as JSON does, unicode kept as is', () => {
    expect(canonicalJson({ 'k"': 'a\nb', 名前: '値' })).toBe('{"k\\"":"a\\nb","名前":"値"}');
  });

  it('turns values into what jsonb keeps: ISO dates, no NUL characters, no undefined', () => {
    expect(toPlainJson({ at: new Date('2026-01-31T09:00:00Z'), s: 'a\u0000b', u: undefined })).toEqual({
      at: '2026-01-31T09:00:00.000Z',
      s: 'ab',
    });
  });
});
