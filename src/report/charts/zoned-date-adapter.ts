// A Chart.js date adapter that works in the incident's zone, not the machine's. The stock
// chartjs-adapter-date-fns passes its options to `format` and `parse` only, so ticks would be
// aligned to midnight and hours in the process zone and the same chart would differ between
// machines. date-fns v4 takes the zone as a context (`{ in: tz(zone) }`) in every function;
// the zone comes from the scale's `adapters.date.zone`, so it is part of the chart's JSON.
// Each function by its own subpath: the package root pulls in all of date-fns (some 300 modules).
import { addDays } from 'date-fns/addDays';
import { addHours } from 'date-fns/addHours';
import { addMilliseconds } from 'date-fns/addMilliseconds';
import { addMinutes } from 'date-fns/addMinutes';
import { addMonths } from 'date-fns/addMonths';
import { addQuarters } from 'date-fns/addQuarters';
import { addSeconds } from 'date-fns/addSeconds';
import { addWeeks } from 'date-fns/addWeeks';
import { addYears } from 'date-fns/addYears';
import { differenceInDays } from 'date-fns/differenceInDays';
import { differenceInHours } from 'date-fns/differenceInHours';
import { differenceInMilliseconds } from 'date-fns/differenceInMilliseconds';
import { differenceInMinutes } from 'date-fns/differenceInMinutes';
import { differenceInMonths } from 'date-fns/differenceInMonths';
import { differenceInQuarters } from 'date-fns/differenceInQuarters';
import { differenceInSeconds } from 'date-fns/differenceInSeconds';
import { differenceInWeeks } from 'date-fns/differenceInWeeks';
import { differenceInYears } from 'date-fns/differenceInYears';
import { endOfDay } from 'date-fns/endOfDay';
import { endOfHour } from 'date-fns/endOfHour';
import { endOfMinute } from 'date-fns/endOfMinute';
import { endOfMonth } from 'date-fns/endOfMonth';
import { endOfQuarter } from 'date-fns/endOfQuarter';
import { endOfSecond } from 'date-fns/endOfSecond';
import { endOfWeek } from 'date-fns/endOfWeek';
import { endOfYear } from 'date-fns/endOfYear';
import { format } from 'date-fns/format';
import { startOfDay } from 'date-fns/startOfDay';
import { startOfHour } from 'date-fns/startOfHour';
import { startOfMinute } from 'date-fns/startOfMinute';
import { startOfMonth } from 'date-fns/startOfMonth';
import { startOfQuarter } from 'date-fns/startOfQuarter';
import { startOfSecond } from 'date-fns/startOfSecond';
import { startOfWeek } from 'date-fns/startOfWeek';
import { startOfYear } from 'date-fns/startOfYear';
import { tz } from '@date-fns/tz';

type Unit = 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';
type Ctx = { in: ReturnType<typeof tz> };
type Time = number | Date;

const add: Record<Unit, (t: Time, n: number, o: Ctx) => Date> = {
  millisecond: addMilliseconds,
  second: addSeconds,
  minute: addMinutes,
  hour: addHours,
  day: addDays,
  week: addWeeks,
  month: addMonths,
  quarter: addQuarters,
  year: addYears,
};
const diff: Record<Unit, (a: Time, b: Time, o: Ctx) => number> = {
  millisecond: differenceInMilliseconds,
  // Exact differences: the zone does not change how many seconds or minutes lie between two instants.
  second: (a, b) => differenceInSeconds(a, b),
  minute: (a, b) => differenceInMinutes(a, b),
  hour: differenceInHours,
  day: differenceInDays,
  week: differenceInWeeks,
  month: differenceInMonths,
  quarter: differenceInQuarters,
  year: differenceInYears,
};
const startOf: Partial<Record<Unit | 'isoWeek', (t: Time, o: Ctx) => Date>> = {
  second: startOfSecond,
  minute: startOfMinute,
  hour: startOfHour,
  day: startOfDay,
  week: startOfWeek,
  month: startOfMonth,
  quarter: startOfQuarter,
  year: startOfYear,
};
const endOf: Partial<Record<Unit, (t: Time, o: Ctx) => Date>> = {
  second: endOfSecond,
  minute: endOfMinute,
  hour: endOfHour,
  day: endOfDay,
  week: endOfWeek,
  month: endOfMonth,
  quarter: endOfQuarter,
  year: endOfYear,
};

/** 24-hour clock, the form postmortems use. */
export const zonedFormats = {
  datetime: 'yyyy-MM-dd HH:mm',
  millisecond: 'HH:mm:ss.SSS',
  second: 'HH:mm:ss',
  minute: 'HH:mm',
  hour: 'MMM d HH:mm',
  day: 'MMM d',
  week: 'MMM d',
  month: 'MMM yyyy',
  quarter: 'QQQ yyyy',
  year: 'yyyy',
};

interface AdapterThis {
  options?: { zone?: string };
}

const ctx = (self: AdapterThis): Ctx => ({ in: tz(self.options?.zone ?? 'UTC') });

/** Methods for `Chart._adapters._date.override(zonedDateAdapter)`. */
export const zonedDateAdapter = {
  _id: 'zoned-date-fns',
  formats: () => zonedFormats,
  parse(value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value === 'number') return value;
    if (value instanceof Date) return value.getTime();
    const t = Date.parse(String(value));
    return Number.isNaN(t) ? null : t;
  },
  format(this: AdapterThis, time: number, fmt: string): string {
    return format(time, fmt, ctx(this));
  },
  add(this: AdapterThis, time: number, amount: number, unit: Unit): number {
    const f = add[unit];
    return f ? f(time, amount, ctx(this)).getTime() : time;
  },
  diff(this: AdapterThis, max: number, min: number, unit: Unit): number {
    const f = diff[unit];
    return f ? f(max, min, ctx(this)) : 0;
  },
  startOf(this: AdapterThis, time: number, unit: Unit | 'isoWeek', weekday?: number): number {
    if (unit === 'isoWeek') return startOfWeek(time, { ...ctx(this), weekStartsOn: (Number(weekday) || 0) as 0 }).getTime();
    const f = startOf[unit];
    return f ? f(time, ctx(this)).getTime() : time;
  },
  endOf(this: AdapterThis, time: number, unit: Unit): number {
    const f = endOf[unit];
    return f ? f(time, ctx(this)).getTime() : time;
  },
};
