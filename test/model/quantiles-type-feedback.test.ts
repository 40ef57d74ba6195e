// The type feedback `monte-carlo-quantiles.ts` gives V8 when it loads: a run whose first rows
// are whole numbers and whose later rows are fractional must not throw the optimised
// `quantilesByBins` away (and compile it again) when the first fractional range arrives.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultInterruptBudgets } from '../../src/runtime/tier-up.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const v8Version = process.versions.v8.split('.').slice(0, 2).join('.');

describe('quantilesByBins in a fresh thread', () => {
  // Deoptimisation is V8's behaviour: checked on the V8 the tuning is made for.
  it.runIf(v8Version in defaultInterruptBudgets)('keeps its optimised code from whole-number rows to fractional ones', () => {
    // The compiled module (`npm test` builds first), as the Monte Carlo workers load it.
    const script = `
      const { quantilesByBins } = await import(${JSON.stringify(path.join(root, 'dist/model/monte-carlo-quantiles.js'))});
      const n = 1000, qs = Float64Array.from([0.1, 0.5, 0.9]), out = new Float64Array(3), values = new Float64Array(n);
      for (let row = 0; row < 1500; row++) {
        // A thousand rows of counts (whole numbers) before anything happened, then fractional ones.
        const offset = row >= 1000 ? 0.5 : 0;
        for (let i = 0; i < n; i++) values[i] = ((i * 7919 + row) % 997) + offset;
        let min = Infinity, max = -Infinity;
        for (let i = 0; i < n; i++) { min = Math.min(min, values[i]); max = Math.max(max, values[i]); }
        quantilesByBins(values, n, min, max, qs, out, true);
      }
      console.log('rows done');
    `;
    const run = spawnSync(process.execPath, ['--trace-opt', '--trace-deopt', '--input-type=module', '-e', script], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('rows done');
    // Optimised it was (else the check below would say nothing), and never thrown away.
    expect(run.stdout).toMatch(/completed (compiling|optimizing) .*quantilesByBins/);
    expect(run.stdout).not.toMatch(/deoptimizing .*quantilesByBins/);
  });
});
