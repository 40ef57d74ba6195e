import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import {
  compileExpression,
  compileProgram,
  ExpressionError,
  namesIn,
  programSource,
  runProgram,
  seriesRecorder,
  type Leaf,
} from '../../../src/model/compose/expression.js';

const values: Record<string, number> = { a: 2, b: 3, 'svc.timedOut': 4, 'x[1]': 7, 'c[0].flow': 9 };
const evaluate = (src: string) => compileExpression(src, (n) => (Object.hasOwn(values, n) ? () => values[n]! : `unknown \`${n}\``))();

describe('compileExpression', () => {
  it('follows the usual precedence and associativity', () => {
    expect(evaluate('1 + 2 * 3')).toBe(7);
    expect(evaluate('(1 + 2) * 3')).toBe(9);
    expect(evaluate('2 ^ 3 ^ 2')).toBe(512);
    expect(evaluate('-a ^ 2')).toBe(-4);
    expect(evaluate('2 ^ -1')).toBe(0.5);
    expect(evaluate('a * -b')).toBe(-6);
    expect(evaluate('10 - 4 - 3')).toBe(3);
    expect(evaluate('7 % 4')).toBe(3);
    expect(evaluate('1.5e2 + .5')).toBe(150.5);
  });

  it('reads names with dots and cell indices', () => {
    expect(evaluate('100 * svc.timedOut / (a + b)')).toBe(80);
    expect(evaluate('x[1] + c[0].flow')).toBe(16);
  });

  it('gives 0 for a division by zero (a share of nothing), and comparisons as 1 or 0', () => {
    expect(evaluate('a / 0')).toBe(0);
    expect(evaluate('a > b')).toBe(0);
    expect(evaluate('a <= b')).toBe(1);
    expect(evaluate('if(a == 2, 10, 20)')).toBe(10);
  });

  it('has min, max, clamp and friends', () => {
    expect(evaluate('min(a, b, 1)')).toBe(1);
    expect(evaluate('max(a, b)')).toBe(3);
    expect(evaluate('clamp(a * 10, 0, 5)')).toBe(5);
    expect(evaluate('abs(-a) + floor(2.7) + ceil(2.1) + round(2.5)')).toBe(2 + 2 + 3 + 3);
  });

  it('reports what was expected and where', () => {
    const problem = (src: string) => {
      try {
        evaluate(src);
      } catch (error) {
        if (error instanceof ExpressionError) return [error.message, error.offset];
        throw error;
      }
      return undefined;
    };
    expect(problem('a +')).toEqual(['expected a number, a name or `(`, found the end of the expression', 3]);
    expect(problem('a b')).toEqual(['unexpected `b` after a complete expression', 2]);
    expect(problem('(a')).toEqual(['expected `)`, found the end of the expression', 2]);
    expect(problem('zzz * 2')).toEqual(['unknown `zzz`', 0]);
    expect(problem('foo(1)')?.[0]).toMatch(/^unknown function `foo`; the functions are min, max/);
    expect(problem('clamp(1, 2)')).toEqual(['`clamp` takes 3 argument(s), got 2', 0]);
    expect(problem('a $ b')).toEqual(['unexpected character `$`', 2]);
    expect(problem('x[a]')).toEqual(['expected a cell number inside `[ ]`, found `a`', 2]);
  });

  it('cannot reach anything but the names it is given (no property access, no calls into JavaScript)', () => {
    expect(() => evaluate('constructor')).toThrow(/unknown `constructor`/);
    expect(() => evaluate('a.constructor')).toThrow(/unknown `a.constructor`/);
    expect(() => evaluate('"x"')).toThrow(ExpressionError);
    expect(() => evaluate('a; b')).toThrow(ExpressionError);
  });

  it('bounds length and nesting', () => {
    expect(() => evaluate('1+'.repeat(1500) + '1')).toThrow(/longer than 2000 characters/);
    expect(() => evaluate('('.repeat(150) + '1' + ')'.repeat(150))).toThrow(/nested more than 100 deep/);
  });

  it('lists the names an expression uses', () => {
    expect(namesIn('100 * svc.timedOut / (a + b)')).toEqual(['svc.timedOut', 'a', 'b']);
  });
});

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
