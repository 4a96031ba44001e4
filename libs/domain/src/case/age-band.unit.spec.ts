import { ageBandOn } from './age-band';

describe('the age band a birth date gives', () => {
  const on = (day: string) => new Date(`${day}T12:00:00Z`);

  it.each([
    ['2010-06-15', '2026-06-14', '0-17'],
    ['2008-06-15', '2026-06-14', '0-17'],
    ['2008-06-15', '2026-06-15', '18-24'],
    ['1994-03-02', '2026-11-22', '25-34'],
    ['1990-01-01', '2026-01-01', '35-44'],
    ['1980-12-31', '2026-12-30', '45-54'],
    ['1960-01-01', '2026-01-01', '55+'],
  ])('born %s, on %s: %s', (birthDate, day, band) => {
    expect(ageBandOn(birthDate, on(day))).toBe(band);
  });

  it('is unknown for a date it cannot read or a birth still to come', () => {
    expect(ageBandOn('02/03/1994', on('2026-01-01'))).toBeNull();
    expect(ageBandOn('2030-01-01', on('2026-01-01'))).toBeNull();
  });
});
