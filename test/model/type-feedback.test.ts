// The type feedback some Monte Carlo functions give V8 when their module loads (primeTypeFeedback
// in monte-carlo-quantiles.ts and random.ts, the loop in fraction-above.ts): code that runs one
// way for hours of a replay, then another way (whole numbers, then fractions; PTRS, then the
// table; waits below a limit, then crossing it), must not have its optimised code thrown away
// and compiled again in every thread when the second way arrives.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultInterruptBudgets } from '../../src/runtime/tier-up.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const v8Version = process.versions.v8.split('.').slice(0, 2).join('.');
const dist = (file: string) => JSON.stringify(path.join(root, 'dist', file));

/** Runs `script` (an ES module) in a fresh process with V8's optimisation traced; its stdout. */
function traced(script: string): string {
  const run = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  expect(run.status, run.stderr).toBe(0);
  expect(run.stdout).toContain('all done');
  return run.stdout;
}

/** Optimised it was (else the check would say nothing), and never thrown away. */
function expectKeptOptimised(trace: string, fn: string): void {
  expect(trace).toMatch(new RegExp(`completed (compiling|optimizing) .*<JSFunction ${fn} `));
  expect(trace).not.toMatch(new RegExp(`deoptimizing .*<JSFunction ${fn} `));
}

// Deoptimisation is V8's behaviour: checked on the V8 the tuning is made for, in the compiled
// modules (`npm test` builds first) as the Monte Carlo workers load them.
describe.runIf(v8Version in defaultInterruptBudgets)('optimised code kept when a run changes course', () => {
  it('quantilesByBins: whole-number rows, then fractional ones', () => {
    const trace = traced(`
      const { quantilesByBins } = await import(${dist('model/monte-carlo-quantiles.js')});
      const n = 1000, qs = Float64Array.from([0.1, 0.5, 0.9]), out = new Float64Array(3), values = new Float64Array(n);
      for (let row = 0; row < 1500; row++) {
        // A thousand rows of counts (whole numbers) before anything happened, then fractional ones.
        const offset = row >= 1000 ? 0.5 : 0;
        for (let i = 0; i < n; i++) values[i] = ((i * 7919 + row) % 997) + offset;
        let min = Infinity, max = -Infinity;
        for (let i = 0; i < n; i++) { min = Math.min(min, values[i]); max = Math.max(max, values[i]); }
        quantilesByBins(values, n, min, max, qs, out, true);
      }
      console.log('all done');
    `);
    expectKeptOptimised(trace, 'quantilesByBins');
  });

  it('poissonInto: a batch switching from PTRS to the table', () => {
    const trace = traced(`
      const { xoroshiro128plus } = await import('pure-rand/generator/xoroshiro128plus');
      const { poissonInto, tableAfter, withPoissonMemory } = await import(${dist('model/random.js')});
      const streams = Array.from({ length: 500 }, (_, i) => withPoissonMemory(xoroshiro128plus(i)));
      const out = new Float64Array(streams.length);
      for (let step = 0; step < tableAfter(700) + 100; step++) poissonInto(streams, 700, out, streams.length);
      console.log('all done');
    `);
    expectKeptOptimised(trace, 'poissonInto');
  });

  it('fractionAbove: waits below the limit, then crossing it', () => {
    const trace = traced(`
      const { fractionAbove } = await import(${dist('model/components/fraction-above.js')});
      let sum = 0;
      for (let i = 0; i < 200000; i++) sum += fractionAbove(i % 7, (i + 1) % 7, 10);
      for (let i = 0; i < 1000; i++) sum += fractionAbove(5 + (i % 3), 12 + (i % 5), 10);
      console.log('all done', sum > 0);
    `);
    expectKeptOptimised(trace, 'fractionAbove');
  });
});
