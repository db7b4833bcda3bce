import { parseSqliteDatetime } from './row-mapper';

/** What the same text means to Date's own ISO parser (UTC). */
const iso = (text: string) => new Date(`${text.replace(' ', 'T')}Z`);

describe('parseSqliteDatetime', () => {
  it.each([
    '2026-05-11 19:45:37.977',
    '1970-01-01 00:00:00.000',
    '1969-12-31 23:59:59.999',
    '2000-02-29 12:00:00.000',
    '2024-02-29 23:59:59.999',
    '2024-03-01 00:00:00.000',
    '2100-02-28 00:00:00.001',
    '2100-03-01 00:00:00.000',
    '1900-02-28 10:11:12.013',
    '0001-01-01 00:00:00.000',
    '9999-12-31 23:59:59.999',
  ])('reads %s as the instant Date parses it to', (text) => {
    expect(parseSqliteDatetime(text).getTime()).toBe(iso(text).getTime());
  });

  it('agrees with Date on every day of four centuries, at a varying time of day', () => {
    const start = Date.UTC(1899, 0, 1);
    for (let day = 0; day < 146_097; day++) {
      const at = start + day * 86_400_000 + ((day * 7_919_993) % 86_400_000);
      const text = new Date(at).toISOString().replace('T', ' ').replace('Z', '');
      if (parseSqliteDatetime(text).getTime() !== at) throw new Error(`${text} read as ${parseSqliteDatetime(text).toISOString()}`);
    }
  });

  it('leaves other forms to Date: ISO with an offset, without milliseconds, and an impossible month', () => {
    expect(parseSqliteDatetime('2026-05-11T19:45:37+02:00').toISOString()).toBe('2026-05-11T17:45:37.000Z');
    expect(parseSqliteDatetime('2026-05-11 19:45:37').toISOString()).toBe('2026-05-11T19:45:37.000Z');
    expect(Number.isNaN(parseSqliteDatetime('2026-13-11 19:45:37.000').getTime())).toBe(true);
  });
});
