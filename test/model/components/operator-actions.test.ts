import { describe, it, expect } from 'vitest';
import {
  createPathSwitch,
  drainAtRate,
  startRamp,
  startThrottledRestart,
  stepRamp,
  stepThrottledRestart,
  throughPath,
} from '../../../src/model/components/operator-actions.js';

describe('operator actions', () => {
  it('a disabled path lets nothing through', () => {
    const path = createPathSwitch();
    expect(throughPath(path)).toBe(1);
    path.enabled = false;
    expect(throughPath(path)).toBe(0);
  });

  it('a ramp over 4 minutes adds a quarter a minute and stops at the total', () => {
    const ramp = startRamp(400, { overMinutes: 4 });
    expect([1, 2, 3, 4, 5].map(() => stepRamp(ramp, 1))).toEqual([100, 100, 100, 100, 0]);
    expect(ramp.remaining).toBe(0);
  });

  it('a ramp at a rate, and one with neither rate nor duration arriving at once', () => {
    const byRate = startRamp(250, { ratePerMinute: 100 });
    expect([stepRamp(byRate, 2), stepRamp(byRate, 2)]).toEqual([200, 50]);
    expect(stepRamp(startRamp(70), 1)).toBe(70);
  });

  it('drains a backlog no faster than its throttle', () => {
    expect(drainAtRate(1000, 30, 5)).toBe(150);
    expect(drainAtRate(100, 30, 5)).toBe(100);
    expect(drainAtRate(-1, 30, 5)).toBe(0);
  });

  it('restarts a fleet a few hundred an hour', () => {
    // 1,000 servers at 300 an hour: 5 a minute, done after 200 minutes.
    const restart = startThrottledRestart(1000, 300);
    let minutes = 0;
    while (restart.pending > 0) {
      stepThrottledRestart(restart, 1);
      minutes++;
    }
    expect(minutes).toBe(200);
    expect(restart.done).toBe(1000);
  });
});
