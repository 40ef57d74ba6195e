import { describe, it, expect } from 'vitest';
import { findFigures } from '../../src/import/find-figures.js';

const figures = (s: string) => findFigures(s).map(({ value, unit, basis }) => ({ value, unit, ...(basis ? { basis } : {}) }));

describe('findFigures', () => {
  it('reads percentages with the noun phrase they are of', () => {
    expect(figures('At this point, about 13% of the volumes in the affected Availability Zone were in this “stuck” state.')).toEqual([
      { value: 13, unit: 'percent', basis: 'the volumes in the affected Availability Zone' },
    ]);
    expect(figures('Ultimately, 0.07% of the volumes in the affected Availability Zone could not be restored.')).toEqual([
      { value: 0.07, unit: 'percent', basis: 'the volumes in the affected Availability Zone' },
    ]);
    expect(figures('Of multi-AZ database instances in the US East Region, 2.5% did not automatically failover.')).toEqual([
      { value: 2.5, unit: 'percent', basis: 'multi-AZ database instances in the US East Region' },
    ]);
  });

  it('reads "a 55% error rate" and "12 percent"', () => {
    expect(figures('Clients saw a 55% error rate.')).toEqual([{ value: 55, unit: 'percent', basis: 'error rate' }]);
    expect(figures('About 12 percent of requests failed.')).toEqual([{ value: 12, unit: 'percent', basis: 'requests' }]);
  });

  it('reads counts of failing things with magnitudes', () => {
    expect(figures('There were 3.7M failed requests.')).toEqual([{ value: 3_700_000, unit: 'count', basis: 'failed requests' }]);
    expect(figures('We restarted 2,500 servers.')).toEqual([{ value: 2500, unit: 'count', basis: 'servers' }]);
  });

  it('leaves out thresholds, limits, targets, credits and versions', () => {
    expect(figures('The alarm has a 5% threshold.')).toEqual([]);
    expect(figures('The fleet hit its limit of 1,000 servers.')).toEqual([]);
    expect(figures('We missed our 99.99% availability target.')).toEqual([]);
    expect(figures('We will provide a 10 day credit equal to 100% of their usage.')).toEqual([]);
    expect(figures('We rolled out version 2.3 to 40 servers.')).toEqual([]);
  });

  it('does not count durations or unrelated numbers', () => {
    expect(figures('This occurred for approximately 11 hours.')).toEqual([]);
    expect(figures('Our directory lists 6,000+ specialist cyber security service providers in 128 countries.')).toEqual([]);
  });
});
