// The tier-up tuning of short commands (src/runtime/tier-up.ts): the default budget it scales is
// V8's own, the flag it sets takes effect in a running process, and only short commands set it.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { builtinsLoadedFirst, defaultInterruptBudgets, isShortCommand, shortRunFactor } from '../../src/runtime/tier-up.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const v8Version = process.versions.v8.split('.').slice(0, 2).join('.');

describe('the interrupt budget', () => {
  it("is V8's own default for the V8 it is tuned for", () => {
    const options = execFileSync(process.execPath, ['--v8-options'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    const flag = /--interrupt-budget \(interrupt budget which should be used for the profiler counter\)\s+type: int\s+default: --interrupt-budget=(\d+)/.exec(options);
    if (v8Version in defaultInterruptBudgets) {
      expect(flag, 'this V8 lists --interrupt-budget').not.toBeNull();
      expect(Number(flag![1])).toBe(defaultInterruptBudgets[v8Version]);
    } else {
      // Another V8: the tuning stays off (tierUpLater returns without setting anything).
      expect(defaultInterruptBudgets[v8Version]).toBeUndefined();
    }
  });

  it.runIf(v8Version in defaultInterruptBudgets)('changed at run time, delays optimisation; restored, does not', () => {
    // How many calls a fresh function takes to be optimised, after each setting. Optimisation
    // is synchronous here, so the count does not depend on a background thread's timing. The
    // compiled module (`npm test` builds first), as the command-line program runs it.
    const script = `
      const { startTierUp, tierUpLater, tierUpAsUsual, tiersUpLater, startFlags, underStartFlags } = await import(${JSON.stringify(path.join(root, 'dist/runtime/tier-up.js'))});
      let made = 0;
      const callsToOptimise = () => {
        // A source of its own each time: V8 would hand back the same compiled function for the same source.
        const f = new Function('n', \`// \${made++}\nlet s = 0; for (let i = 0; i < n; i++) s += i % 7; return s;\`);
        for (let calls = 1; calls <= 10000; calls++) {
          f(500);
          if (%ActiveTierIsTurbofan(f)) return calls;
        }
        return Infinity;
      };
      const usual = callsToOptimise();
      startTierUp(['build', '--no-sensitivity']);
      const later = [tiersUpLater(), callsToOptimise()];
      tierUpAsUsual();
      const restored = [tiersUpLater(), callsToOptimise()];
      // What the code cache is read and written under: the flags at the start.
      const underStart = [startFlags(), underStartFlags(() => [tiersUpLater(), callsToOptimise()]), tiersUpLater()];
      tierUpLater();
      const again = tiersUpLater();
      console.log(JSON.stringify({ usual, later, restored, underStart, again }));
    `;
    const child = spawnSync(process.execPath, ['--allow-natives-syntax', '--no-concurrent-recompilation', '--no-use-osr', '--input-type=module', '-e', script], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(child.stderr).toBe('');
    const { usual, later, restored, underStart, again } = JSON.parse(child.stdout) as {
      usual: number;
      later: [boolean, number];
      restored: [boolean, number];
      underStart: [string, [boolean, number], boolean];
      again: boolean;
    };
    expect(usual).toBeLessThan(50);
    expect(later[0]).toBe(true);
    // Eight times the budget: several times the calls (not exactly eight: the first calls
    // allocate the function's feedback before any budget counts).
    expect(later[1]).toBeGreaterThan(4 * usual);
    expect(restored[0]).toBe(false);
    expect(restored[1]).toBeLessThanOrEqual(usual + 1);
    expect(underStart[0]).toBe(`interrupt-budget=${defaultInterruptBudgets[v8Version]! * shortRunFactor} no-concurrent-recompilation`);
    expect(underStart[1][0]).toBe(true);
    expect(underStart[1][1]).toBeGreaterThan(4 * usual);
    expect(underStart[2]).toBe(false);
    expect(again).toBe(true);
  });

  it.runIf(v8Version in defaultInterruptBudgets)('is left to V8 by a long command', () => {
    const script = `
      const { startTierUp, tiersUpLater, startFlags } = await import(${JSON.stringify(path.join(root, 'dist/runtime/tier-up.js'))});
      startTierUp(['simulate', 'incidents/x.yaml', '--seeds', '1000']);
      console.log(JSON.stringify([tiersUpLater(), startFlags()]));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(JSON.parse(child.stdout)).toEqual([false, 'v8-default no-concurrent-recompilation']);
  });

  it.runIf(v8Version in defaultInterruptBudgets)('has threads started afterwards optimise on their own thread, and the main thread on V8’s', () => {
    // V8's trace of its optimising compiler names the mode of every compilation: a function
    // made hot on the main thread, then one made hot on a worker started after startTierUp.
    const hot = (name: string) => `function ${name}(n) { let s = 0; for (let i = 0; i < n; i++) s += i % 7; return s; } for (let k = 0; k < 20000; k++) ${name}(50);`;
    const script = `
      const { startTierUp } = await import(${JSON.stringify(path.join(root, 'dist/runtime/tier-up.js'))});
      const { Worker } = await import('node:worker_threads');
      startTierUp(['simulate', 'incidents/x.yaml', '--seeds', '1000']);
      ${hot('onMainThread')}
      await new Promise((resolve, reject) => new Worker(${JSON.stringify(hot('onWorkerThread'))}, { eval: true }).on('exit', resolve).on('error', reject));
    `;
    const child = spawnSync(process.execPath, ['--trace-opt', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(child.status).toBe(0);
    const modes = (name: string) => [...child.stdout.matchAll(new RegExp(`compiling method [^\\n]*<JSFunction ${name} [^\\n]*mode: ConcurrencyMode::(\\w+)`, 'g'))].map((m) => m[1]);
    expect(modes('onMainThread').length).toBeGreaterThan(0);
    expect(new Set(modes('onMainThread'))).toEqual(new Set(['kConcurrent']));
    expect(modes('onWorkerThread').length).toBeGreaterThan(0);
    expect(new Set(modes('onWorkerThread'))).toEqual(new Set(['kSynchronous']));
  });

  it('is scaled for short commands only', () => {
    expect(shortRunFactor).toBeGreaterThan(1);
    for (const argv of [['validate'], ['build', '--no-sensitivity'], ['report', 'incidents/x.yaml'], ['--quiet', 'site'], ['-q', 'build']]) {
      expect(isShortCommand(argv), argv.join(' ')).toBe(true);
    }
    for (const argv of [[], ['simulate', 'x'], ['sensitivity', 'x'], ['boundary', 'x'], ['fit', 'x'], ['import', 'x'], ['watch'], ['--help'], ['x', 'build']]) {
      expect(isShortCommand(argv), argv.join(' ')).toBe(false);
    }
  });
});

describe("Node's own modules of a short command", () => {
  it.runIf(v8Version in defaultInterruptBudgets)('are loaded before the budget changes, and each is one the command loads anyway', () => {
    // After the change, Node compiles its modules from source (its code cache carries the
    // flags it was written under): those loaded first escape that. Recorded at the change:
    // every listed module is loaded by then; and a real short command loads them all anyway,
    // so the list holds no module a command would otherwise not load.
    const script = `
      const { startTierUp } = await import(${JSON.stringify(path.join(root, 'dist/runtime/tier-up.js'))});
      const v8 = await import('node:v8');
      const setFlags = v8.default.setFlagsFromString;
      let atChange;
      v8.default.setFlagsFromString = (flags) => { atChange ??= [...process.moduleLoadList]; setFlags(flags); };
      startTierUp(['validate']);
      console.log(JSON.stringify(atChange));
    `;
    const child = spawnSync(process.execPath, ['--input-type=module', '-e', script], { cwd: root, encoding: 'utf8' });
    expect(child.status, child.stderr).toBe(0);
    const atChange = new Set(JSON.parse(child.stdout) as string[]);
    for (const name of builtinsLoadedFirst) expect(atChange.has(`NativeModule ${name}`), name).toBe(true);

    const hook = 'data:text/javascript,' + encodeURIComponent("process.on('exit', () => process.stderr.write('LOADED ' + JSON.stringify(process.moduleLoadList)));");
    const out = mkdtempSync(path.join(tmpdir(), 'tier-up-'));
    const report = spawnSync(process.execPath, ['--import', hook, path.join(root, 'dist/cli/bin.js'), 'report', 'incidents/aws-ebs-2012-10-22.yaml', '--no-sensitivity', '--out', out], { cwd: root, encoding: 'utf8' });
    rmSync(out, { recursive: true, force: true });
    expect(report.status, report.stderr).toBe(0);
    const loaded = new Set(JSON.parse(/LOADED (.*)$/m.exec(report.stderr)![1]!) as string[]);
    for (const name of builtinsLoadedFirst) expect(loaded.has(`NativeModule ${name}`), name).toBe(true);
  });
});
