/**
 * Dates as the author meant them. A post's date is kept as the calendar day it was
 * written for (plus an optional time and offset), never as "a Date in the build
 * machine's zone": that is how themes end up showing a post a day early.
 */

/** What the author wrote, normalised but not yet placed on the time line. */
export interface DateParts {
  /** Calendar date, YYYY-MM-DD. */
  day: string;
  /** Time of day, HH:MM:SS, when one was written. */
  time?: string;
  /** "Z" or "+HH:MM"/"-HH:MM", when the author wrote one. */
  offset?: string;
}

/** A post date resolved against the site's time zone. */
export interface PostDate extends DateParts {
  /** The moment it denotes: used for sorting, publishing and feeds. */
  instant: Date;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

function isRealDay(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= last;
}

function makeDay(year: number, month: number, day: number): string | undefined {
  return isRealDay(year, month, day) ? `${pad(year, 4)}-${pad(month)}-${pad(day)}` : undefined;
}

function monthIndex(name: string): number | undefined {
  const i = MONTHS.indexOf(name.slice(0, 3).toLowerCase());
  return i === -1 ? undefined : i + 1;
}

const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const MONTH_FIRST = /^(?:[a-z]{3,9},?\s+)?([a-z]{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$/i;
const DAY_FIRST = /^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]{3,9})\.?,?\s+(\d{4})$/i;

function normaliseOffset(raw: string): string {
  if (raw.toUpperCase() === 'Z') return 'Z';
  const sign = raw[0];
  const digits = raw.slice(1).replace(':', '');
  const hh = digits.slice(0, 2);
  const mm = digits.slice(2, 4) || '00';
  return hh === '00' && mm === '00' ? 'Z' : `${sign}${hh}:${mm}`;
}

/**
 * Reads a date as written in frontmatter: a YAML date (js-yaml gives a Date in UTC),
 * an ISO date or datetime string, or a human form such as "Jul 08 2022".
 * Returns undefined when the value is not a real date.
 */
export function parseDateParts(value: unknown): DateParts | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const day = makeDay(value.getUTCFullYear(), value.getUTCMonth() + 1, value.getUTCDate());
    if (!day) return undefined;
    const h = value.getUTCHours();
    const m = value.getUTCMinutes();
    const s = value.getUTCSeconds();
    if (h === 0 && m === 0 && s === 0 && value.getUTCMilliseconds() === 0) return { day };
    // YAML timestamps with a time are normalised to UTC by the parser.
    return { day, time: `${pad(h)}:${pad(m)}:${pad(s)}`, offset: 'Z' };
  }
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, hh, mi, ss, off] = iso;
    const day = makeDay(Number(y), Number(mo), Number(d));
    if (!day) return undefined;
    if (hh === undefined || mi === undefined) return { day };
    if (Number(hh) > 23 || Number(mi) > 59 || Number(ss ?? 0) > 59) return undefined;
    // Hugo and Jekyll accept a one-digit hour (`2019-04-25 9:00:00`).
    const parts: DateParts = { day, time: `${hh.padStart(2, '0')}:${mi}:${ss ?? '00'}` };
    if (off) parts.offset = normaliseOffset(off);
    return parts;
  }
  const mf = MONTH_FIRST.exec(text);
  if (mf) {
    const month = monthIndex(mf[1] ?? '');
    const day = month ? makeDay(Number(mf[3]), month, Number(mf[2])) : undefined;
    return day ? { day } : undefined;
  }
  const df = DAY_FIRST.exec(text);
  if (df) {
    const month = monthIndex(df[2] ?? '');
    const day = month ? makeDay(Number(df[3]), month, Number(df[1])) : undefined;
    return day ? { day } : undefined;
  }
  return undefined;
}

// Intl formatters are costly to create and pure to reuse: one per zone/locale and style.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(key: string, make: () => Intl.DateTimeFormat): Intl.DateTimeFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = make()));
  return f;
}

/** Offset of `timeZone` from UTC at `instant`, in milliseconds. */
export function zoneOffsetMs(instant: Date, timeZone: string): number {
  const fmt = formatter(
    `zone|${timeZone}`,
    () =>
      new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      }),
  );
  const parts = fmt.formatToParts(instant); // once: formatting is the costly part
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((p) => p.type === type)?.value);
  const asUtc = Date.UTC(get('year'), get('month') - 1, get('day'), get('hour'), get('minute'), get('second'));
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which the wall-clock time `day time` occurs in `timeZone`. */
export function zonedTimeToInstant(day: string, time: string, timeZone: string): Date {
  const naive = Date.parse(`${day}T${time}Z`);
  let guess = naive - zoneOffsetMs(new Date(naive), timeZone);
  // Second pass settles times near a daylight-saving change.
  guess = naive - zoneOffsetMs(new Date(guess), timeZone);
  return new Date(guess);
}

/** Places written date parts on the time line. A bare date starts at midnight in the site's zone. */
export function resolveDate(parts: DateParts, timeZone: string): PostDate {
  const time = parts.time ?? '00:00:00';
  const instant = parts.offset ? new Date(`${parts.day}T${time}${parts.offset === 'Z' ? 'Z' : parts.offset}`) : zonedTimeToInstant(parts.day, time, timeZone);
  return { ...parts, instant };
}

/** Value for `<time datetime>`: the date as written (with time and offset when given). */
export function machineDate(date: DateParts): string {
  if (!date.time) return date.day;
  return `${date.day}T${date.time}${date.offset ?? ''}`;
}

export interface FormatOptions {
  locale: string;
  style?: 'long' | 'medium' | 'short';
}

const formattedDays = new Map<string, string>();

/**
 * Formats the calendar day the author wrote. It is formatted as a UTC date on purpose:
 * the day is already decided, so neither the build machine's nor the reader's zone may move it.
 */
export function formatDate(date: DateParts, { locale, style = 'long' }: FormatOptions): string {
  // A site shows a few thousand distinct days, each formatted in many places (lists, related posts, feeds).
  const key = `${locale}|${style}|${date.day}`;
  let text = formattedDays.get(key);
  if (text === undefined) {
    text = formatter(`date|${locale}|${style}`, () => new Intl.DateTimeFormat(locale, { dateStyle: style, timeZone: 'UTC' })).format(new Date(`${date.day}T00:00:00Z`));
    formattedDays.set(key, text);
  }
  return text;
}

/** "March 2024" for the archive. */
export function formatMonth(year: number, month: number, locale: string): string {
  return formatter(`month|${locale}`, () => new Intl.DateTimeFormat(locale, { month: 'long', year: 'numeric', timeZone: 'UTC' })).format(new Date(Date.UTC(year, month - 1, 1)));
}

/** The calendar date that `instant` falls on in `timeZone`, YYYY-MM-DD. */
export function dayIn(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMs(instant, timeZone);
  return new Date(instant.getTime() + offset).toISOString().slice(0, 10);
}

/** The wall-clock time of `instant` in `timeZone`, `YYYY-MM-DDTHH:MM:SS` without an offset (read back in that zone). */
export function wallTimeIn(instant: Date, timeZone: string): string {
  const offset = zoneOffsetMs(instant, timeZone);
  return new Date(Math.floor(instant.getTime() / 1000) * 1000 + offset).toISOString().slice(0, 19);
}

/** The later of two dates, for "last modified". */
export function latest(a: PostDate, b?: PostDate): PostDate {
  return b && b.instant.getTime() > a.instant.getTime() ? b : a;
}
