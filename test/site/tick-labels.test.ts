// The site's charts label their ticks without Intl on load: linear axes through
// plainNumberTick, time axes from the labels written at build time. Both must give the labels
// Chart.js gives (with Node's full ICU here), or the page would differ from the report's image.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { Ticks, type Scale, type Tick } from 'chart.js';
import { groupedFixed, plainNumberTick } from '../../src/site/browser/plain-number-ticks.js';
import { fixedTickLabels } from '../../src/site/tick-labels.js';
import { timeAxis } from '../../src/report/charts/time-ticks.js';

function scale(locale = 'en-US', format?: object): Scale {
  return { chart: { options: { locale } }, options: { ticks: format ? { format } : {} } } as unknown as Scale;
}

/** Ticks from min to max by step, as a linear axis with `stepSize` lays them out. */
function axisTicks(min: number, step: number, count: number): Tick[] {
  return Array.from({ length: count }, (_, i) => ({ value: Math.round((min + i * step) * 1e12) / 1e12 }));
}

function both(s: Scale, ticks: Tick[]): [string[], string[]] {
  return [
    ticks.map((t, i) => plainNumberTick.call(s, t.value, i, ticks)),
    ticks.map((t, i) => Ticks.formatters.numeric.call(s, t.value, i, ticks) as string),
  ];
}

describe('plainNumberTick', () => {
  it('labels the axes of the reports as Chart.js does', () => {
    for (const [min, step, count] of [
      [0, 2, 4],
      [0, 50, 5],
      [0, 0.5, 7],
      [0, 0.25, 9],
      [0, 2500, 9],
      [0, 250000, 5],
      [-20, 10, 6],
      [0, 0.001, 6],
      [99.5, 0.1, 6],
      [0, 1e9, 4],
    ] as const) {
      const [ours, theirs] = both(scale(), axisTicks(min, step, count));
      expect(ours).toEqual(theirs);
    }
  });

  it('agrees with Chart.js on any axis', () => {
    const step = fc.oneof(
      fc.integer({ min: -12, max: 14 }).chain((e) => fc.constantFrom(1, 2, 2.5, 5).map((m) => m * 10 ** e)),
      fc.double({ min: 1e-9, max: 1e13, noNaN: true }),
    );
    fc.assert(
      fc.property(fc.double({ min: -1e13, max: 1e13, noNaN: true }), step, fc.integer({ min: 1, max: 12 }), (min, s, count) => {
        const [ours, theirs] = both(scale(), axisTicks(min, s, count));
        expect(ours).toEqual(theirs);
      }),
      { numRuns: 3000 },
    );
  });

  it('leaves other locales, formats and scientific axes to Chart.js', () => {
    const ticks = axisTicks(0, 1500, 4);
    expect(both(scale('de-DE'), ticks)[0]).toEqual(['0', '1.500', '3.000', '4.500']);
    expect(both(scale('en-US', { style: 'percent' }), ticks)[0]).toEqual(both(scale('en-US', { style: 'percent' }), ticks)[1]);
    const tiny = axisTicks(0, 1e-6, 3);
    expect(both(scale(), tiny)[0]).toEqual(both(scale(), tiny)[1]);
    expect(both(scale(), tiny)[0][1]).toMatch(/E/);
  });

  it('groups digits as en-US does, signs included', () => {
    expect(groupedFixed(1234567.891, 2)).toBe('1,234,567.89');
    expect(groupedFixed(-1000, 0)).toBe('-1,000');
    expect(groupedFixed(999, 1)).toBe('999.0');
    expect(groupedFixed(-0.001, 2)).toBe(new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(-0.001));
  });
});

describe('fixedTickLabels', () => {
  const zone = 'America/Los_Angeles';
  // 2011-03-12 22:00 PST to 2011-03-14 02:00 PDT: the axis crosses a change of offset.
  const from = Date.UTC(2011, 2, 13, 6);
  const to = Date.UTC(2011, 2, 14, 9);
  const ticks = [from, from + 6 * 3600_000, from + 12 * 3600_000, from + 24 * 3600_000];

  it("writes each fixed tick's label in the incident's zone, as the report's image shows it", () => {
    const config = { type: 'line', data: { labels: ticks, datasets: [] }, options: { scales: { x: timeAxis(from, to, zone, 6) } } };
    expect(fixedTickLabels(config as never)).toEqual(['Mar 12 22:00', 'Mar 13 05:00', 'Mar 13 11:00', 'Mar 13 23:00']);
  });

  it('uses the unit and its display format the axis names', () => {
    const x = { ...timeAxis(from, to, zone, 24), time: { unit: 'day', displayFormats: { day: 'yyyy-MM-dd' } } };
    expect(fixedTickLabels({ type: 'line', data: { labels: ticks, datasets: [] }, options: { scales: { x } } } as never)).toEqual([
      '2011-03-12',
      '2011-03-13',
      '2011-03-13',
      '2011-03-13',
    ]);
  });

  it('writes none where Chart.js chooses the ticks', () => {
    const auto = { ...timeAxis(from, to, zone, 6), ticks: { source: 'auto' } };
    expect(fixedTickLabels({ type: 'line', data: { labels: ticks, datasets: [] }, options: { scales: { x: auto } } } as never)).toBeUndefined();
    const noUnit = { ...timeAxis(from, to, zone, 6), time: {} };
    expect(fixedTickLabels({ type: 'line', data: { labels: ticks, datasets: [] }, options: { scales: { x: noUnit } } } as never)).toBeUndefined();
    const major = { ...timeAxis(from, to, zone, 6), ticks: { source: 'labels', major: { enabled: true } } };
    expect(fixedTickLabels({ type: 'line', data: { labels: ticks, datasets: [] }, options: { scales: { x: major } } } as never)).toBeUndefined();
    expect(fixedTickLabels({ type: 'matrix', data: { datasets: [] }, options: { scales: { x: { type: 'linear' } } } } as never)).toBeUndefined();
  });
});
