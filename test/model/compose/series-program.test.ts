// Series programs: the interpreter and the generated recorder agree with the closures of the
// expression compiler on every expression.
import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { compileExpression } from '../../../src/model/compose/expression.js';
import { compileProgram, programSource, runProgram, seriesRecorder, type Leaf } from '../../../src/model/compose/series-program.js';

describe('series programs', () => {
  const leaves: Record<string, Leaf> = { a: { values: [0] }, b: { values: [1, 2] }, r: { flows: [0] }, k: { param: 0 }, g: { get: () => 7 } };
  const resolve = (n: string) => (Object.hasOwn(leaves, n) ? leaves[n]! : `unknown \`${n}\``);
  const v = Float64Array.from([2, 3, 4]);
  const f = Float64Array.from([30]);
  const p = Float64Array.from([5]);
  const closureValue = (src: string) =>
    compileExpression(src, (n) => ({ a: () => 2, b: () => 7, r: () => 15, k: () => 5, g: () => 7 })[n] ?? `unknown \`${n}\``)();

  // Random expressions over the leaves and every operator and function.
  const expr: fc.Arbitrary<string> = fc.letrec((tie) => ({
    e: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      fc.constantFrom('a', 'b', 'r', 'k', 'g', '0', '1.5', '2', '100'),
      fc.tuple(tie('e'), fc.constantFrom('+', '-', '*', '/', '%', '^', '<', '<=', '>', '>=', '==', '!='), tie('e')).map(([x, op, y]) => `(${x} ${op} ${y})`),
      tie('e').map((x) => `-${x}`),
      fc.tuple(fc.constantFrom('abs', 'sqrt', 'exp', 'log', 'floor', 'ceil', 'round'), tie('e')).map(([fn, x]) => `${fn}(${x})`),
      fc.tuple(fc.constantFrom('min', 'max'), fc.array(tie('e'), { minLength: 1, maxLength: 4 })).map(([fn, xs]) => `${fn}(${xs.join(', ')})`),
      fc.tuple(fc.constantFrom('clamp', 'if'), tie('e'), tie('e'), tie('e')).map(([fn, x, y, z]) => `${fn}(${x}, ${y}, ${z})`),
    ),
  })).e;

  it('the interpreter, the generated recorder and the closures agree on every expression', () => {
    fc.assert(
      fc.property(fc.array(expr, { minLength: 1, maxLength: 4 }), (sources) => {
        const programs = sources.map((src) => compileProgram(src, resolve));
        const columns = sources.map(() => new Float64Array(1));
        seriesRecorder(programs)(v, f, 0.5, p, columns, 0);
        sources.forEach((src, k) => {
          const expected = closureValue(src);
          expect(Object.is(runProgram(programs[k]!, v, f, 0.5, p), expected) || runProgram(programs[k]!, v, f, 0.5, p) === expected).toBe(true);
          expect(Object.is(columns[k]![0], expected) || columns[k]![0] === expected).toBe(true);
        });
      }),
      { numRuns: 300 },
    );
  });

  it('a cell stock sums its cells, a flow is per minute, and a program says whether it reads a flow', () => {
    expect(runProgram(compileProgram('b', resolve), v, f, 0.5, p)).toBe(7);
    const rate = compileProgram('r', resolve);
    expect(runProgram(rate, v, f, 0.5, p)).toBe(15);
    expect(rate.readsFlows).toBe(true);
    expect(compileProgram('a + k', resolve).readsFlows).toBe(false);
  });

  it('the generated source holds no text of the expression, only opcodes turned into arithmetic', () => {
    const source = programSource(compileProgram('max(a, b) / k + g', resolve));
    expect(source).toBe('(div(Math.max(v[0], (v[1] + v[2])), p[0]) + g[0]())');
  });
});
