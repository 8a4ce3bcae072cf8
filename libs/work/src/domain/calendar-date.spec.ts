import { isCalendarDate } from './calendar-date';

describe('isCalendarDate', () => {
  it.each(['2026-01-31', '2024-02-29', '1999-12-31'])('accepts the day %s', (value) => {
    expect(isCalendarDate(value)).toBe(true);
  });

  it.each([
    '2025-02-29',
    '2026-13-01',
    '2026-04-31',
    '2026-1-5',
    '20260105',
    '2026-01-05T00:00:00Z',
    '',
    null,
    20260105,
  ])('refuses %p', (value) => {
    expect(isCalendarDate(value)).toBe(false);
  });
});
