import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it, expect } from 'vitest';
import { drainAtRate, emptyObjectList, startRamp, stepRamp } from '../../../src/model/components/operator-actions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

describe('operator actions', () => {
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
});

describe('emptyObjectList', () => {
  it('is empty and takes objects', () => {
    const list = emptyObjectList({ remaining: 0, ratePerMinute: 0 });
    expect(list).toEqual([]);
    list.push({ remaining: 5, ratePerMinute: 1 });
    expect(list).toEqual([{ remaining: 5, ratePerMinute: 1 }]);
  });

  it('has the elements kind of a list of objects from the start, where `[]` has that of small integers', () => {
    // The compiled module (`npm test` builds first), in a process that can ask V8.
    const script = `
      const { emptyObjectList } = await import(${JSON.stringify(path.join(root, 'dist/model/components/operator-actions.js'))});
      console.log(JSON.stringify([%HasObjectElements(emptyObjectList({ remaining: 0 })), %HasObjectElements([])]));
    `;
    const out = execFileSync(process.execPath, ['--allow-natives-syntax', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(JSON.parse(out)).toEqual([true, false]);
  });
});
