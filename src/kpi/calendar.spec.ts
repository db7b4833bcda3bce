import { overlapMinutes, plannedIntervals, plannedMinutes, Shift, CalendarRules, shiftBuckets, validateCalendar } from './calendar';
import { randomInt, seededRandom } from './seeded-random';

const everyDay = [0, 1, 2, 3, 4, 5, 6];
const weekdays = [1, 2, 3, 4, 5];

function shifts(days: number[], name: string, start: string, end: string, breaks: Shift['breaks'] = []): Shift[] {
  return days.map((dayOfWeek) => ({ name, dayOfWeek, start, end, breaks }));
}

const berlin: CalendarRules = {
  timeZone: 'Europe/Berlin',
  shifts: [
    ...shifts(everyDay, 'Night', '00:00', '06:00'),
    ...shifts(weekdays, 'Early', '06:00', '14:00', [{ start: '10:00', end: '10:30' }]),
  ],
};

const hours = (h: number) => h * 60;

describe('plannedIntervals / plannedMinutes', () => {
  it('treats a null calendar as 24/7 production', () => {
    const from = new Date('2025-01-01T00:00:00Z');
    const to = new Date('2025-01-02T12:00:00Z');
    expect(plannedIntervals(null, from, to)).toEqual([{ start: from, end: to }]);
    expect(plannedMinutes(null, from, to)).toBe(hours(36));
  });

  it('returns nothing for an empty or inverted range', () => {
    const t = new Date('2025-01-01T00:00:00Z');
    expect(plannedIntervals(null, t, t)).toEqual([]);
    expect(plannedMinutes(berlin, new Date('2025-01-02T00:00:00Z'), t)).toBe(0);
  });

  // Europe/Berlin springs forward on the last Sunday of March (2025-03-30): 02:00 CET jumps to 03:00 CEST.
  it('gives a 00:00–06:00 shift only 5 h on the night clocks spring forward in Berlin', () => {
    const sunday = plannedIntervals(berlin, new Date('2025-03-29T23:00:00Z'), new Date('2025-03-30T22:00:00Z'));
    // 00:00 CET = 23:00Z the day before; 06:00 CEST = 04:00Z.
    expect(sunday).toEqual([{ start: new Date('2025-03-29T23:00:00Z'), end: new Date('2025-03-30T04:00:00Z') }]);
  });

  it('sums a Berlin week containing the spring-forward night correctly', () => {
    // Monday 2025-03-24 00:00 CET to Monday 2025-03-31 00:00 CEST.
    const minutes = plannedMinutes(berlin, new Date('2025-03-23T23:00:00Z'), new Date('2025-03-30T22:00:00Z'));
    // 7 nights × 6 h − the missing hour, plus 5 early shifts × 7.5 h.
    expect(minutes).toBe(hours(7 * 6 - 1) + 5 * hours(7.5));
  });

  it('gives a 00:00–06:00 shift 7 h on the night clocks fall back in Berlin', () => {
    // 2025-10-26: 03:00 CEST falls back to 02:00 CET.
    const sunday = plannedIntervals(berlin, new Date('2025-10-25T22:00:00Z'), new Date('2025-10-26T23:00:00Z'));
    expect(sunday).toEqual([{ start: new Date('2025-10-25T22:00:00Z'), end: new Date('2025-10-26T05:00:00Z') }]);
  });

  it('moves a shift start that falls in the skipped hour forward, and takes the earlier of a repeated time', () => {
    const spring: CalendarRules = { timeZone: 'Europe/Berlin', shifts: shifts([0], 'Odd', '02:30', '04:00') };
    // 02:30 does not exist on 2025-03-30; like Temporal's 'compatible' it becomes 03:30 CEST (01:30Z).
    expect(plannedIntervals(spring, new Date('2025-03-29T12:00:00Z'), new Date('2025-03-30T12:00:00Z'))).toEqual([
      { start: new Date('2025-03-30T01:30:00Z'), end: new Date('2025-03-30T02:00:00Z') },
    ]);
    // 02:30 happens twice on 2025-10-26; the first (CEST, 00:30Z) is used, and 03:00 CET is 02:00Z.
    const autumn: CalendarRules = { timeZone: 'Europe/Berlin', shifts: shifts([0], 'Odd', '02:30', '03:00') };
    expect(plannedMinutes(autumn, new Date('2025-10-25T12:00:00Z'), new Date('2025-10-26T12:00:00Z'))).toBe(90);
  });

  it('follows America/New_York, whose DST change falls on a different date', () => {
    const ny: CalendarRules = { timeZone: 'America/New_York', shifts: shifts([0], 'Night', '00:00', '06:00') };
    // 2025-03-09: 02:00 EST jumps to 03:00 EDT.
    expect(plannedMinutes(ny, new Date('2025-03-08T00:00:00Z'), new Date('2025-03-11T00:00:00Z'))).toBe(hours(5));
  });

  it('subtracts breaks and merges back-to-back shifts into one interval', () => {
    const utc: CalendarRules = {
      timeZone: 'UTC',
      shifts: [...shifts([1], 'Early', '06:00', '14:00', [{ start: '10:00', end: '10:30' }]), ...shifts([1], 'Late', '14:00', '22:00')],
    };
    expect(plannedIntervals(utc, new Date('2025-01-06T00:00:00Z'), new Date('2025-01-07T00:00:00Z'))).toEqual([
      { start: new Date('2025-01-06T06:00:00Z'), end: new Date('2025-01-06T10:00:00Z') },
      { start: new Date('2025-01-06T10:30:00Z'), end: new Date('2025-01-06T22:00:00Z') },
    ]);
  });

  it('includes the tail of an overnight shift that started before the range, minus its after-midnight break', () => {
    // Friday 22:00 – Saturday 06:00 with a 02:00–02:30 break on Saturday morning.
    const utc: CalendarRules = { timeZone: 'UTC', shifts: shifts([5], 'Night', '22:00', '06:00', [{ start: '02:00', end: '02:30' }]) };
    const saturday = plannedIntervals(utc, new Date('2025-01-04T00:00:00Z'), new Date('2025-01-05T00:00:00Z'));
    expect(saturday).toEqual([
      { start: new Date('2025-01-04T00:00:00Z'), end: new Date('2025-01-04T02:00:00Z') },
      { start: new Date('2025-01-04T02:30:00Z'), end: new Date('2025-01-04T06:00:00Z') },
    ]);
  });

  it('treats end == start as a 24 h shift', () => {
    const utc: CalendarRules = { timeZone: 'UTC', shifts: shifts([3], 'Day', '06:00', '06:00') };
    expect(plannedMinutes(utc, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-03T00:00:00Z'))).toBe(hours(24));
  });

  it('throws on a malformed time because calendars are validated when stored', () => {
    const bad: CalendarRules = { timeZone: 'UTC', shifts: shifts([1], 'X', '6:00', '14:00') };
    expect(() => plannedMinutes(bad, new Date('2025-01-01T00:00:00Z'), new Date('2025-01-08T00:00:00Z'))).toThrow(RangeError);
  });

  it('is additive and agrees with overlapMinutes for random split points (property)', () => {
    const rand = seededRandom(20250330);
    const base = Date.parse('2025-03-20T00:00:00Z');
    for (let n = 0; n < 150; n++) {
      const a = base + randomInt(rand, 0, 20 * 24 * 60) * 60_000;
      const c = a + randomInt(rand, 0, 10 * 24 * 60) * 60_000;
      const b = a + Math.floor(rand() * (c - a));
      const [A, B, C] = [new Date(a), new Date(b), new Date(c)];
      const whole = plannedMinutes(berlin, A, C);
      expect(plannedMinutes(berlin, A, B) + plannedMinutes(berlin, B, C)).toBeCloseTo(whole, 9);
      const intervals = plannedIntervals(berlin, A, C);
      expect(overlapMinutes(intervals, B, C)).toBeCloseTo(plannedMinutes(berlin, B, C), 9);
      for (let i = 1; i < intervals.length; i++) expect(intervals[i].start.getTime()).toBeGreaterThan(intervals[i - 1].end.getTime());
      expect(whole).toBeLessThanOrEqual((c - a) / 60_000);
    }
  });
});

describe('overlapMinutes', () => {
  it('counts only the part of each interval inside the window', () => {
    const intervals = [
      { start: new Date('2025-01-01T06:00:00Z'), end: new Date('2025-01-01T10:00:00Z') },
      { start: new Date('2025-01-01T12:00:00Z'), end: new Date('2025-01-01T14:00:00Z') },
    ];
    expect(overlapMinutes(intervals, new Date('2025-01-01T09:00:00Z'), new Date('2025-01-01T13:00:00Z'))).toBe(120);
    expect(overlapMinutes(intervals, new Date('2025-01-01T10:00:00Z'), new Date('2025-01-01T12:00:00Z'))).toBe(0);
    expect(overlapMinutes([], new Date(0), new Date(1e9))).toBe(0);
  });
});

describe('shiftBuckets', () => {
  it('returns one bucket per shift occurrence, labelled by local date and shift, clipped to the range', () => {
    const buckets = shiftBuckets(berlin, new Date('2025-03-30T00:00:00Z'), new Date('2025-03-31T12:00:00Z'));
    expect(buckets.map((b) => b.label)).toEqual(['2025-03-30 Night', '2025-03-31 Night', '2025-03-31 Early']);
    expect(buckets[0]).toEqual({
      label: '2025-03-30 Night',
      start: new Date('2025-03-30T00:00:00Z'),
      end: new Date('2025-03-30T04:00:00Z'),
    });
    // Early shift 06:00–14:00 CEST = 04:00–12:00Z, break included in the bucket.
    expect(buckets[2]).toEqual({
      label: '2025-03-31 Early',
      start: new Date('2025-03-31T04:00:00Z'),
      end: new Date('2025-03-31T12:00:00Z'),
    });
  });

  it('falls back to UTC days for a 24/7 (null) calendar', () => {
    const buckets = shiftBuckets(null, new Date('2025-01-01T12:00:00Z'), new Date('2025-01-03T00:00:00Z'));
    expect(buckets).toEqual([
      { label: '2025-01-01', start: new Date('2025-01-01T12:00:00Z'), end: new Date('2025-01-02T00:00:00Z') },
      { label: '2025-01-02', start: new Date('2025-01-02T00:00:00Z'), end: new Date('2025-01-03T00:00:00Z') },
    ]);
  });
});

describe('validateCalendar', () => {
  it('accepts a valid calendar', () => {
    expect(validateCalendar(berlin)).toEqual([]);
    expect(
      validateCalendar({ timeZone: 'UTC', shifts: shifts([5], 'Night', '22:00', '06:00', [{ start: '02:00', end: '02:30' }]) }),
    ).toEqual([]);
  });

  it('reports a non-object and a missing shifts array', () => {
    expect(validateCalendar(null)).toHaveLength(1);
    expect(validateCalendar({ timeZone: 'UTC' })).toEqual(['shifts must be an array']);
  });

  it('reports an unknown time zone', () => {
    expect(validateCalendar({ timeZone: 'Mars/Olympus_Mons', shifts: [] })).toEqual([
      'timeZone "Mars/Olympus_Mons" is not a known IANA time zone',
    ]);
  });

  it('reports bad HH:MM values and day of week', () => {
    const problems = validateCalendar({ timeZone: 'UTC', shifts: [{ name: 'A', dayOfWeek: 7, start: '24:00', end: '6:00', breaks: [] }] });
    expect(problems).toEqual([
      'shifts[0] ("A"): dayOfWeek must be an integer 0 (Sunday) to 6 (Saturday)',
      'shifts[0] ("A"): start "24:00" is not a valid HH:MM time',
      'shifts[0] ("A"): end "6:00" is not a valid HH:MM time',
    ]);
  });

  it('reports a break outside its shift, an empty break and overlapping breaks', () => {
    const problems = validateCalendar({
      timeZone: 'UTC',
      shifts: shifts([1], 'Early', '06:00', '14:00', [
        { start: '13:30', end: '14:30' },
        { start: '09:00', end: '09:00' },
        { start: '10:00', end: '10:30' },
        { start: '10:15', end: '10:45' },
      ]),
    });
    expect(problems).toEqual([
      'shifts[0] ("Early") breaks[0]: break 13:30–14:30 lies outside its shift 06:00–14:00',
      'shifts[0] ("Early") breaks[1]: break 09:00–09:00 has no duration',
      'shifts[0] ("Early"): breaks 10:00–10:30 and 10:15–10:45 overlap',
    ]);
  });

  it('reports overlapping shifts, including a Saturday night running into Sunday morning', () => {
    const problems = validateCalendar({
      timeZone: 'UTC',
      shifts: [
        ...shifts([6], 'Night', '22:00', '06:00'),
        ...shifts([0], 'Early', '05:00', '13:00'),
        ...shifts([0], 'Late', '13:00', '21:00'),
      ],
    });
    expect(problems).toEqual(['shifts[0] ("Night") and shifts[1] ("Early") overlap']);
  });
});
