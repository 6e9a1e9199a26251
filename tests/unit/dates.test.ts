import { describe, expect, it } from 'vitest';
import { dayIn, formatDate, formatMonth, machineDate, parseDateParts, resolveDate, zonedTimeToInstant } from '../../src/lib/dates';

describe('parseDateParts', () => {
  it('reads a YAML date (a Date at UTC midnight) as the calendar day written', () => {
    expect(parseDateParts(new Date('2024-03-03T00:00:00Z'))).toEqual({ day: '2024-03-03' });
  });

  it('reads ISO date strings, quoted or not', () => {
    expect(parseDateParts('2023-06-15')).toEqual({ day: '2023-06-15' });
    expect(parseDateParts(' 2023-06-15 ')).toEqual({ day: '2023-06-15' });
  });

  it('keeps the time and offset of an ISO datetime as written', () => {
    expect(parseDateParts('2020-09-29T23:15:09-07:00')).toEqual({ day: '2020-09-29', time: '23:15:09', offset: '-07:00' });
    expect(parseDateParts('2020-09-29T23:15:09Z')).toEqual({ day: '2020-09-29', time: '23:15:09', offset: 'Z' });
    expect(parseDateParts('2020-09-29 08:05')).toEqual({ day: '2020-09-29', time: '08:05:00' });
    expect(parseDateParts('2020-09-29T08:05:00+0530')).toEqual({ day: '2020-09-29', time: '08:05:00', offset: '+05:30' });
  });

  it('accepts a one-digit hour, as Hugo and Jekyll do', () => {
    expect(parseDateParts('2019-04-09T8:09:26-07:00')).toEqual({ day: '2019-04-09', time: '08:09:26', offset: '-07:00' });
    expect(parseDateParts('2019-04-25 9:00:00')).toEqual({ day: '2019-04-25', time: '09:00:00' });
    expect(parseDateParts('2019-04-25 24:00:00')).toBeUndefined();
  });

  it('reads the human forms used by the Astro starter', () => {
    expect(parseDateParts('Jul 08 2022')).toEqual({ day: '2022-07-08' });
    expect(parseDateParts('July 8, 2022')).toEqual({ day: '2022-07-08' });
    expect(parseDateParts('8 July 2022')).toEqual({ day: '2022-07-08' });
  });

  it('rejects impossible dates and non-dates', () => {
    expect(parseDateParts('2024-13-45')).toBeUndefined();
    expect(parseDateParts('2023-02-29')).toBeUndefined();
    expect(parseDateParts('2024-02-30')).toBeUndefined();
    expect(parseDateParts('2024-01-01T25:00')).toBeUndefined();
    expect(parseDateParts('yesterday')).toBeUndefined();
    expect(parseDateParts(20240303)).toBeUndefined();
    expect(parseDateParts(new Date('nope'))).toBeUndefined();
    expect(parseDateParts('Foo 08 2022')).toBeUndefined();
  });

  it('accepts 29 February in a leap year', () => {
    expect(parseDateParts('2024-02-29')).toEqual({ day: '2024-02-29' });
  });
});

describe('resolveDate', () => {
  it('puts a bare date at midnight in the site time zone', () => {
    expect(resolveDate({ day: '2024-03-03' }, 'America/New_York').instant.toISOString()).toBe('2024-03-03T05:00:00.000Z');
    expect(resolveDate({ day: '2024-03-03' }, 'Asia/Tokyo').instant.toISOString()).toBe('2024-03-02T15:00:00.000Z');
    expect(resolveDate({ day: '2024-03-03' }, 'UTC').instant.toISOString()).toBe('2024-03-03T00:00:00.000Z');
  });

  it('honours an explicit offset whatever the site zone', () => {
    const date = resolveDate({ day: '2020-09-29', time: '23:15:09', offset: '-07:00' }, 'Asia/Tokyo');
    expect(date.instant.toISOString()).toBe('2020-09-30T06:15:09.000Z');
    expect(date.day).toBe('2020-09-29');
  });

  it('reads a datetime without offset in the site zone, across daylight saving', () => {
    expect(resolveDate({ day: '2024-07-01', time: '12:00:00' }, 'Europe/Paris').instant.toISOString()).toBe('2024-07-01T10:00:00.000Z');
    expect(resolveDate({ day: '2024-01-15', time: '12:00:00' }, 'Europe/Paris').instant.toISOString()).toBe('2024-01-15T11:00:00.000Z');
  });

  it('handles the wall-clock hour right after a spring-forward change', () => {
    // 2024-03-10 03:30 in New York is EDT (UTC-4).
    expect(zonedTimeToInstant('2024-03-10', '03:30:00', 'America/New_York').toISOString()).toBe('2024-03-10T07:30:00.000Z');
  });
});

describe('formatDate', () => {
  it('shows the calendar day written, in the locale asked for', () => {
    expect(formatDate({ day: '2024-03-03' }, { locale: 'en-US' })).toBe('March 3, 2024');
    expect(formatDate({ day: '2024-03-03' }, { locale: 'en-GB' })).toBe('3 March 2024');
    expect(formatDate({ day: '2024-03-03' }, { locale: 'de-DE' })).toBe('3. März 2024');
  });

  it('shows the day written in an offset datetime, not the UTC day', () => {
    const date = resolveDate({ day: '2020-09-29', time: '23:15:09', offset: '-07:00' }, 'UTC');
    expect(formatDate(date, { locale: 'en-US' })).toBe('September 29, 2020');
  });

  it('does not depend on the process time zone', () => {
    const before = process.env['TZ'];
    try {
      for (const tz of ['America/Los_Angeles', 'Pacific/Kiritimati', 'Asia/Kolkata', 'UTC']) {
        process.env['TZ'] = tz;
        expect(formatDate({ day: '2024-03-03' }, { locale: 'en-US' })).toBe('March 3, 2024');
        expect(formatMonth(2024, 1, 'en-US')).toBe('January 2024');
      }
    } finally {
      if (before === undefined) delete process.env['TZ'];
      else process.env['TZ'] = before;
    }
  });
});

describe('machineDate and dayIn', () => {
  it('gives the datetime attribute as written', () => {
    expect(machineDate({ day: '2024-03-03' })).toBe('2024-03-03');
    expect(machineDate({ day: '2020-09-29', time: '23:15:09', offset: '-07:00' })).toBe('2020-09-29T23:15:09-07:00');
  });

  it('tells the calendar day of an instant in a zone', () => {
    const instant = new Date('2024-03-03T02:00:00Z');
    expect(dayIn(instant, 'UTC')).toBe('2024-03-03');
    expect(dayIn(instant, 'America/New_York')).toBe('2024-03-02');
    expect(dayIn(instant, 'Asia/Tokyo')).toBe('2024-03-03');
  });
});
