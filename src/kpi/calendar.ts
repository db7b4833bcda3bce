/**
 * Shift calendars: which instants of a period are planned production time.
 *
 * All wall-clock arithmetic goes through `Intl.DateTimeFormat` so that shifts follow the plant's
 * IANA time zone across daylight-saving changes: a 00:00–06:00 shift on the night clocks spring
 * forward lasts 5 h, on the night they fall back 7 h.
 */

/** A break inside a shift, in the calendar's local time ('HH:MM'). */
export interface ShiftBreak {
  start: string;
  end: string;
}

/**
 * A weekly recurring shift. `end <= start` means the shift ends the next day, and `end == start`
 * means a 24 h shift. Break times are placed at their first occurrence at or after the shift start,
 * so a 22:00–06:00 shift may have a 02:00–02:30 break.
 */
export interface Shift {
  name: string;
  /** 0 = Sunday … 6 = Saturday, the local day on which the shift starts. */
  dayOfWeek: number;
  start: string;
  end: string;
  breaks: ShiftBreak[];
}

/**
 * What the formulas need of a weekly shift calendar: its time zone and shifts. (The stored calendar,
 * GraphQL type `ShiftCalendar`, is the `ShiftCalendar` entity of modules/calendar.)
 */
export interface CalendarRules {
  /** IANA time zone, e.g. 'Europe/Berlin'. */
  timeZone: string;
  shifts: Shift[];
}

/** A half-open interval [start, end). */
export interface Interval {
  start: Date;
  end: Date;
}

const MINUTE_MS = 60_000;
const DAY_MINUTES = 1440;
const DAY_MS = DAY_MINUTES * MINUTE_MS;
const WEEK_MINUTES = 7 * DAY_MINUTES;

/**
 * Productive intervals (shift time minus breaks) in [from, to), sorted and merged (touching intervals
 * are joined). A `null` calendar means 24/7 production: `[{ start: from, end: to }]`. Returns `[]`
 * when `to <= from`. Throws a `RangeError` on an unknown time zone or a malformed 'HH:MM'; run
 * {@link validateCalendar} when the calendar is stored so this cannot happen at read time.
 */
export function plannedIntervals(calendar: CalendarRules | null, from: Date, to: Date): Interval[] {
  if (!(to.getTime() > from.getTime())) return [];
  if (calendar === null) return [{ start: new Date(from.getTime()), end: new Date(to.getTime()) }];
  const pieces: [number, number][] = [];
  for (const occurrence of shiftOccurrences(calendar, from, to)) {
    for (const piece of subtract([occurrence.start, occurrence.end], occurrence.breaks)) {
      const start = Math.max(piece[0], from.getTime());
      const end = Math.min(piece[1], to.getTime());
      if (end > start) pieces.push([start, end]);
    }
  }
  return merge(pieces).map(([start, end]) => ({ start: new Date(start), end: new Date(end) }));
}

/** Planned production minutes in [from, to) (fractional minutes are kept); 0 when `to <= from`. Throws like {@link plannedIntervals}. */
export function plannedMinutes(calendar: CalendarRules | null, from: Date, to: Date): number {
  return plannedIntervals(calendar, from, to).reduce((sum, i) => sum + (i.end.getTime() - i.start.getTime()) / MINUTE_MS, 0);
}

/**
 * Minutes of `intervals` that fall inside [start, end); 0 when nothing overlaps. The intervals must not
 * overlap each other (as returned by {@link plannedIntervals}), otherwise shared time is counted twice.
 */
export function overlapMinutes(intervals: Interval[], start: Date, end: Date): number {
  let total = 0;
  for (const i of intervals) {
    const overlap = Math.min(end.getTime(), i.end.getTime()) - Math.max(start.getTime(), i.start.getTime());
    if (overlap > 0) total += overlap;
  }
  return total / MINUTE_MS;
}

/** One trend bucket. */
export interface ShiftBucket {
  label: string;
  start: Date;
  end: Date;
}

/**
 * One bucket per shift occurrence overlapping [from, to), clipped to it and sorted by start; the
 * bucket spans the whole shift including its breaks. Labels are `'<local start date> <shift name>'`,
 * e.g. `'2025-03-29 Night'`. A `null` calendar (24/7) gives one bucket per UTC day labelled
 * `'YYYY-MM-DD'`. Returns `[]` when `to <= from`; throws like {@link plannedIntervals}.
 */
export function shiftBuckets(calendar: CalendarRules | null, from: Date, to: Date): ShiftBucket[] {
  const fromMs = from.getTime();
  const toMs = to.getTime();
  if (!(toMs > fromMs)) return [];
  if (calendar === null) {
    const buckets: ShiftBucket[] = [];
    for (let day = Math.floor(fromMs / DAY_MS) * DAY_MS; day < toMs; day += DAY_MS) {
      buckets.push({ label: isoDate(day), start: new Date(Math.max(day, fromMs)), end: new Date(Math.min(day + DAY_MS, toMs)) });
    }
    return buckets;
  }
  return shiftOccurrences(calendar, from, to)
    .map((o) => ({
      label: `${o.localDate} ${o.shift.name}`,
      start: new Date(Math.max(o.start, fromMs)),
      end: new Date(Math.min(o.end, toMs)),
    }))
    .sort((a, b) => a.start.getTime() - b.start.getTime() || a.label.localeCompare(b.label));
}

/**
 * Problems with a calendar as human-readable sentences, `[]` when it is valid. Checks the shape, the
 * IANA time zone, every 'HH:MM', day of week 0–6, breaks lying inside their shift and not overlapping
 * each other, and shifts not overlapping each other anywhere in the week. Never throws.
 */
export function validateCalendar(cal: unknown): string[] {
  if (typeof cal !== 'object' || cal === null) return ['calendar must be an object with timeZone and shifts'];
  const problems: string[] = [];
  const { timeZone, shifts } = cal as Record<string, unknown>;
  if (typeof timeZone !== 'string' || !isValidTimeZone(timeZone))
    problems.push(`timeZone ${JSON.stringify(timeZone)} is not a known IANA time zone`);
  if (!Array.isArray(shifts)) return [...problems, 'shifts must be an array'];

  const weekly: { label: string; start: number; length: number }[] = [];
  shifts.forEach((raw: unknown, index) => {
    const label = `shifts[${index}]`;
    if (typeof raw !== 'object' || raw === null) {
      problems.push(`${label} must be an object`);
      return;
    }
    const s = raw as Record<string, unknown>;
    const named = typeof s.name === 'string' && s.name.trim() !== '' ? `${label} ("${s.name}")` : label;
    if (named === label) problems.push(`${label}: name must be a non-empty string`);
    if (!Number.isInteger(s.dayOfWeek) || (s.dayOfWeek as number) < 0 || (s.dayOfWeek as number) > 6)
      problems.push(`${named}: dayOfWeek must be an integer 0 (Sunday) to 6 (Saturday)`);
    const start = parseTimeOrNull(s.start);
    const end = parseTimeOrNull(s.end);
    if (start === null) problems.push(`${named}: start ${JSON.stringify(s.start)} is not a valid HH:MM time`);
    if (end === null) problems.push(`${named}: end ${JSON.stringify(s.end)} is not a valid HH:MM time`);
    if (!Array.isArray(s.breaks)) {
      problems.push(`${named}: breaks must be an array`);
      return;
    }
    if (start === null || end === null) return;
    const length = shiftLength(start, end);
    const placed: [number, number, string][] = [];
    s.breaks.forEach((rawBreak: unknown, b) => {
      const bLabel = `${named} breaks[${b}]`;
      const br = (typeof rawBreak === 'object' && rawBreak !== null ? rawBreak : {}) as Record<string, unknown>;
      const bs = parseTimeOrNull(br.start);
      const be = parseTimeOrNull(br.end);
      if (bs === null || be === null) {
        problems.push(`${bLabel}: start and end must be valid HH:MM times`);
        return;
      }
      const [relStart, relEnd] = breakOffsets(start, bs, be);
      if (relEnd === relStart) problems.push(`${bLabel}: break ${br.start}–${br.end} has no duration`);
      else if (relEnd > length) problems.push(`${bLabel}: break ${br.start}–${br.end} lies outside its shift ${s.start}–${s.end}`);
      else placed.push([relStart, relEnd, `${br.start}–${br.end}`]);
    });
    placed.sort((a, b) => a[0] - b[0]);
    for (let i = 1; i < placed.length; i++) {
      if (placed[i][0] < placed[i - 1][1]) problems.push(`${named}: breaks ${placed[i - 1][2]} and ${placed[i][2]} overlap`);
    }
    if (Number.isInteger(s.dayOfWeek) && (s.dayOfWeek as number) >= 0 && (s.dayOfWeek as number) <= 6) {
      weekly.push({ label: named, start: (s.dayOfWeek as number) * DAY_MINUTES + start, length });
    }
  });

  for (let i = 0; i < weekly.length; i++) {
    for (let j = i + 1; j < weekly.length; j++) {
      if (weeklyOverlap(weekly[i], weekly[j])) problems.push(`${weekly[i].label} and ${weekly[j].label} overlap`);
    }
  }
  return problems;
}

// ---- internals -------------------------------------------------------------------------------------

interface Occurrence {
  shift: Shift;
  localDate: string;
  start: number;
  end: number;
  breaks: [number, number][];
}

/** Shift occurrences (as epoch ms) that overlap [from, to). */
function shiftOccurrences(calendar: CalendarRules, from: Date, to: Date): Occurrence[] {
  const tz = calendar.timeZone;
  const first = wallTimeAt(tz, from.getTime());
  const last = wallTimeAt(tz, to.getTime());
  // Start one local day early: a shift that began yesterday evening may still run at `from`.
  const firstDay = Date.UTC(first.year, first.month - 1, first.day) - DAY_MS;
  const lastDay = Date.UTC(last.year, last.month - 1, last.day);
  const parsed = calendar.shifts.map((shift) => ({
    shift,
    start: parseTime(shift.start),
    length: shiftLength(parseTime(shift.start), parseTime(shift.end)),
    breaks: shift.breaks.map((b) => breakOffsets(parseTime(shift.start), parseTime(b.start), parseTime(b.end))),
  }));
  const out: Occurrence[] = [];
  // `day` is a local calendar date encoded as UTC midnight, so its UTC weekday is the local weekday.
  for (let day = firstDay; day <= lastDay; day += DAY_MS) {
    const date = new Date(day);
    const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
    for (const p of parsed) {
      if (p.shift.dayOfWeek !== date.getUTCDay()) continue;
      const start = localToEpoch(tz, y, m, d, p.start);
      const end = localToEpoch(tz, y, m, d, p.start + p.length);
      if (!(end > from.getTime() && start < to.getTime())) continue;
      const breaks = p.breaks.map(([bs, be]): [number, number] => [
        localToEpoch(tz, y, m, d, p.start + bs),
        localToEpoch(tz, y, m, d, p.start + be),
      ]);
      out.push({ shift: p.shift, localDate: isoDate(day), start, end, breaks });
    }
  }
  return out;
}

/** Minutes from shift start to a break's start and end, placing the break at or after the shift start. */
function breakOffsets(shiftStart: number, breakStart: number, breakEnd: number): [number, number] {
  const relStart = (breakStart - shiftStart + DAY_MINUTES) % DAY_MINUTES;
  return [relStart, relStart + ((breakEnd - breakStart + DAY_MINUTES) % DAY_MINUTES)];
}

function shiftLength(start: number, end: number): number {
  return end > start ? end - start : end - start + DAY_MINUTES;
}

function weeklyOverlap(a: { start: number; length: number }, b: { start: number; length: number }): boolean {
  // Compare against b shifted a week either way so a Saturday-night shift wraps into Sunday morning.
  return [-WEEK_MINUTES, 0, WEEK_MINUTES].some((shift) => a.start < b.start + shift + b.length && b.start + shift < a.start + a.length);
}

function subtract(range: [number, number], holes: [number, number][]): [number, number][] {
  const out: [number, number][] = [];
  let cursor = range[0];
  for (const [hs, he] of [...holes].sort((a, b) => a[0] - b[0])) {
    if (hs > cursor) out.push([cursor, Math.min(hs, range[1])]);
    cursor = Math.max(cursor, he);
    if (cursor >= range[1]) break;
  }
  if (cursor < range[1]) out.push([cursor, range[1]]);
  return out.filter(([s, e]) => e > s);
}

function merge(pieces: [number, number][]): [number, number][] {
  const sorted = [...pieces].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const p of sorted) {
    const lastPiece = out[out.length - 1];
    if (lastPiece && p[0] <= lastPiece[1]) lastPiece[1] = Math.max(lastPiece[1], p[1]);
    else out.push([p[0], p[1]]);
  }
  return out;
}

const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function parseTimeOrNull(value: unknown): number | null {
  const match = typeof value === 'string' ? TIME.exec(value) : null;
  return match ? Number(match[1]) * 60 + Number(match[2]) : null;
}

function parseTime(value: string): number {
  const minutes = parseTimeOrNull(value);
  if (minutes === null) throw new RangeError(`"${value}" is not a valid HH:MM time`);
  return minutes;
}

function isoDate(epochMs: number): string {
  return new Date(epochMs).toISOString().slice(0, 10);
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

function wallTimeAt(timeZone: string, epochMs: number): WallTime {
  const parts: Record<string, number> = {};
  for (const p of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  return { year: parts.year, month: parts.month, day: parts.day, hour: parts.hour, minute: parts.minute, second: parts.second };
}

/** The zone's UTC offset (ms) at an instant: local wall time read as if it were UTC, minus the instant. */
function offsetAt(timeZone: string, epochMs: number): number {
  const w = wallTimeAt(timeZone, epochMs);
  const wholeSecond = Math.floor(epochMs / 1000) * 1000;
  return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second) - wholeSecond;
}

/**
 * The instant of a local wall time (`minutes` past midnight of y-m-d, may exceed a day). Resolves like
 * Temporal's 'compatible' disambiguation: a time repeated when clocks fall back takes the earlier
 * instant; a time skipped when clocks spring forward is pushed forward by the gap (02:30 → 03:30).
 */
function localToEpoch(timeZone: string, year: number, month: number, day: number, minutes: number): number {
  const naive = Date.UTC(year, month - 1, day, 0, minutes);
  const offsetBefore = offsetAt(timeZone, naive - DAY_MS);
  const offsetAfter = offsetAt(timeZone, naive + DAY_MS);
  // Fast path: no offset change within a day either side, so the wall time is unambiguous.
  if (offsetBefore === offsetAfter) return naive - offsetBefore;
  const offsets = new Set([offsetBefore, offsetAt(timeZone, naive), offsetAfter]);
  const valid = [...offsets].map((o) => naive - o).filter((t) => offsetAt(timeZone, t) === naive - t);
  return valid.length > 0 ? Math.min(...valid) : naive - offsetBefore;
}
