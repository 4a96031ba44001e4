import { types } from 'pg';
import { parseTimestamptz } from './event-row-types';

const general = types.getTypeParser(types.builtins.TIMESTAMPTZ, 'text') as (text: string) => Date;

describe('reading recorded_at as PostgreSQL writes it', () => {
  it.each([
    '2026-01-05 17:30:42.436123+00',
    '2026-01-05 17:30:42.436+00',
    '2026-01-05 17:30:42.4+00',
    '2026-01-05 17:30:42+00',
    '2026-12-31 23:59:59.999999+00',
    '1999-12-31 23:59:59.9995-03',
    '2026-03-29 02:30:00.5+05:30',
    '2000-01-01 00:00:00+14',
    '2262-04-11 23:47:16.854775-12:45',
    '1970-01-01 00:00:00.001+00',
  ])('%s reads as pg reads it', (text) => {
    expect(parseTimestamptz(text).toISOString()).toBe(general(text).toISOString());
  });

  it('knows the instant exactly, to the millisecond, whatever the offset', () => {
    expect(parseTimestamptz('2026-01-05 17:30:42.436999+00').toISOString()).toBe('2026-01-05T17:30:42.436Z');
    expect(parseTimestamptz('2026-01-05 23:15:00.120+05:30').toISOString()).toBe('2026-01-05T17:45:00.120Z');
    expect(parseTimestamptz('2026-01-05 12:00:00-03').toISOString()).toBe('2026-01-05T15:00:00.000Z');
  });

  it.each(['infinity', '-infinity', '0044-03-15 12:00:00+00 BC', '0999-01-01 00:00:00+00', '2026-01-05 17:30:42+01:02:03'])(
    'leaves %s to the general parser',
    (text) => {
      expect(String(parseTimestamptz(text))).toBe(String(general(text)));
    },
  );
});
