import { describe, it, expect } from 'vitest';
import { compileExpression, ExpressionError, namesIn } from '../../../src/model/compose/expression.js';

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
