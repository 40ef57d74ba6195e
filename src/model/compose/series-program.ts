// Series compiled to small stack programs over the stock, flow and parameter arrays, and one
// generated recorder per kind that runs them as plain arithmetic.
import { ExpressionError, parseExpression, type Compiled, type Node } from './expression.js';

// A series is evaluated at every sample of every replay: compiled to a small stack program
// (one loop over an Int32Array of opcodes) rather than a tree of closures, whose calls through
// shared closure code cannot be inlined and cost several times the arithmetic.

/** What a name in a series stands for: stock amounts, flows (per minute), a parameter's slot, or any getter. */
export type Leaf = { values: number[] } | { flows: number[] } | { param: number } | { get: Compiled };
export type LeafResolver = (name: string, offset: number) => Leaf | string;

const OP = {
  num: 0, value: 1, flow: 2, get: 3, neg: 4,
  add: 5, sub: 6, mul: 7, div: 8, mod: 9, pow: 10,
  lt: 11, le: 12, gt: 13, ge: 14, eq: 15, ne: 16,
  min: 17, max: 18, abs: 19, sqrt: 20, exp: 21, log: 22, floor: 23, ceil: 24, round: 25, clamp: 26, if: 27, param: 28,
} as const;
const binaryOp: Record<string, number> = { '+': OP.add, '-': OP.sub, '*': OP.mul, '/': OP.div, '%': OP.mod, '^': OP.pow, '<': OP.lt, '<=': OP.le, '>': OP.gt, '>=': OP.ge, '==': OP.eq, '!=': OP.ne };
const unaryFn: Record<string, number> = { abs: OP.abs, sqrt: OP.sqrt, exp: OP.exp, log: OP.log, floor: OP.floor, ceil: OP.ceil, round: OP.round };

export interface Program {
  ops: Int32Array;
  consts: Float64Array;
  getters: Compiled[];
  stack: Float64Array;
  /** Names of flows read (a series with a flow has no value before the first step). */
  readsFlows: boolean;
}

/** Compiles `src` to a stack program over `values` and `flows` arrays. Throws ExpressionError. */
export function compileProgram(src: string, resolve: LeafResolver): Program {
  const ops: number[] = [];
  const consts: number[] = [];
  const getters: Compiled[] = [];
  let readsFlows = false;
  let depth = 0;
  let maxDepth = 0;
  const push = () => (maxDepth = Math.max(maxDepth, ++depth));
  const emit = (n: Node): void => {
    switch (n.k) {
      case 'num':
        ops.push(OP.num, consts.length);
        consts.push(n.v);
        push();
        return;
      case 'name': {
        const leaf = resolve(n.name, n.at);
        if (typeof leaf === 'string') throw new ExpressionError(leaf, n.at);
        if ('get' in leaf) {
          ops.push(OP.get, getters.length);
          getters.push(leaf.get);
          push();
          return;
        }
        if ('param' in leaf) {
          ops.push(OP.param, leaf.param);
          push();
          return;
        }
        const flow = 'flows' in leaf;
        readsFlows ||= flow;
        const slots = flow ? leaf.flows : leaf.values;
        slots.forEach((slot, i) => {
          ops.push(flow ? OP.flow : OP.value, slot);
          push();
          if (i > 0) {
            ops.push(OP.add);
            depth--;
          }
        });
        return;
      }
      case 'neg':
        emit(n.a);
        ops.push(OP.neg);
        return;
      case 'bin':
        emit(n.a);
        emit(n.b);
        ops.push(binaryOp[n.op]!);
        depth--;
        return;
      case 'call': {
        for (const a of n.args) emit(a);
        if (n.fn === 'min' || n.fn === 'max') ops.push(n.fn === 'min' ? OP.min : OP.max, n.args.length);
        else if (n.fn === 'clamp') ops.push(OP.clamp);
        else if (n.fn === 'if') ops.push(OP.if);
        else ops.push(unaryFn[n.fn]!);
        depth -= n.args.length - 1;
        return;
      }
    }
  };
  emit(parseExpression(src));
  return { ops: Int32Array.from(ops), consts: Float64Array.from(consts), getters, stack: new Float64Array(Math.max(1, maxDepth)), readsFlows };
}

/**
 * Runs a program: `values` are stock amounts, `flows` amounts moved over a step of
 * `1 / perMinute` minutes, `params` the parameters' values by the slots the leaves named.
 */
export function runProgram(p: Program, values: Float64Array, flows: Float64Array, perMinute: number, params: Float64Array): number {
  // Case labels are literals (the opcodes of OP): V8 compiles a switch over literals to a jump
  // table, and over property loads to a chain of comparisons.
  const ops = p.ops;
  const st = p.stack;
  const consts = p.consts;
  let sp = 0;
  for (let pc = 0; pc < ops.length; pc++) {
    switch (ops[pc]) {
      case 0: /* num */ st[sp++] = consts[ops[++pc]!]!; break;
      case 1: /* value */ st[sp++] = values[ops[++pc]!]!; break;
      case 2: /* flow */ st[sp++] = flows[ops[++pc]!]! * perMinute; break;
      case 3: /* get */ st[sp++] = p.getters[ops[++pc]!]!(); break;
      case 28: /* param */ st[sp++] = params[ops[++pc]!]!; break;
      case 4: /* neg */ st[sp - 1] = -st[sp - 1]!; break;
      case 5: /* add */ sp--; st[sp - 1] = st[sp - 1]! + st[sp]!; break;
      case 6: /* sub */ sp--; st[sp - 1] = st[sp - 1]! - st[sp]!; break;
      case 7: /* mul */ sp--; st[sp - 1] = st[sp - 1]! * st[sp]!; break;
      case 8: /* div */ sp--; st[sp - 1] = st[sp] === 0 ? 0 : st[sp - 1]! / st[sp]!; break;
      case 9: /* mod */ sp--; st[sp - 1] = st[sp - 1]! % st[sp]!; break;
      case 10: /* pow */ sp--; st[sp - 1] = st[sp - 1]! ** st[sp]!; break;
      case 11: /* lt */ sp--; st[sp - 1] = st[sp - 1]! < st[sp]! ? 1 : 0; break;
      case 12: /* le */ sp--; st[sp - 1] = st[sp - 1]! <= st[sp]! ? 1 : 0; break;
      case 13: /* gt */ sp--; st[sp - 1] = st[sp - 1]! > st[sp]! ? 1 : 0; break;
      case 14: /* ge */ sp--; st[sp - 1] = st[sp - 1]! >= st[sp]! ? 1 : 0; break;
      case 15: /* eq */ sp--; st[sp - 1] = st[sp - 1] === st[sp] ? 1 : 0; break;
      case 16: /* ne */ sp--; st[sp - 1] = st[sp - 1] !== st[sp] ? 1 : 0; break;
      case 17: /* min */ {
        const n = ops[++pc]!;
        let m = st[sp - n]!;
        for (let i = sp - n + 1; i < sp; i++) m = Math.min(m, st[i]!);
        sp -= n - 1;
        st[sp - 1] = m;
        break;
      }
      case 18: /* max */ {
        const n = ops[++pc]!;
        let m = st[sp - n]!;
        for (let i = sp - n + 1; i < sp; i++) m = Math.max(m, st[i]!);
        sp -= n - 1;
        st[sp - 1] = m;
        break;
      }
      case 19: /* abs */ st[sp - 1] = Math.abs(st[sp - 1]!); break;
      case 20: /* sqrt */ st[sp - 1] = Math.sqrt(st[sp - 1]!); break;
      case 21: /* exp */ st[sp - 1] = Math.exp(st[sp - 1]!); break;
      case 22: /* log */ st[sp - 1] = Math.log(st[sp - 1]!); break;
      case 23: /* floor */ st[sp - 1] = Math.floor(st[sp - 1]!); break;
      case 24: /* ceil */ st[sp - 1] = Math.ceil(st[sp - 1]!); break;
      case 25: /* round */ st[sp - 1] = Math.round(st[sp - 1]!); break;
      case 26: /* clamp */ sp -= 2; st[sp - 1] = Math.min(st[sp + 1]!, Math.max(st[sp]!, st[sp - 1]!)); break;
      case 27: /* if */ sp -= 2; st[sp - 1] = st[sp - 1] !== 0 ? st[sp]! : st[sp + 1]!; break;
    }
  }
  return st[0]!;
}


/**
 * The JavaScript source of a program, as one expression over `v` (stocks), `f` (flows), `pm`
 * (per minute), `p` (parameters), `g` (getters) and `div` (division where x / 0 is 0). Made from
 * the opcodes only, never from the expression's text: the source holds numeric literals, array
 * indices and a fixed set of operators and Math functions, so no name or string of a data file
 * can reach it.
 */
export function programSource(prog: Program): string {
  const ops = prog.ops;
  const st: string[] = [];
  const num = (x: number) => (Number.isNaN(x) ? 'NaN' : x === Infinity ? 'Infinity' : x === -Infinity ? '-Infinity' : `(${x})`);
  const bin = (f: (a: string, b: string) => string) => {
    const b = st.pop()!;
    const a = st.pop()!;
    st.push(f(a, b));
  };
  const un = (name: string) => st.push(`Math.${name}(${st.pop()!})`);
  for (let pc = 0; pc < ops.length; pc++) {
    switch (ops[pc]) {
      case OP.num: st.push(num(prog.consts[ops[++pc]!]!)); break;
      case OP.value: st.push(`v[${ops[++pc]! | 0}]`); break;
      case OP.flow: st.push(`(f[${ops[++pc]! | 0}] * pm)`); break;
      case OP.get: st.push(`g[${ops[++pc]! | 0}]()`); break;
      case OP.param: st.push(`p[${ops[++pc]! | 0}]`); break;
      case OP.neg: st.push(`(-${st.pop()!})`); break;
      case OP.add: bin((a, b) => `(${a} + ${b})`); break;
      case OP.sub: bin((a, b) => `(${a} - ${b})`); break;
      case OP.mul: bin((a, b) => `(${a} * ${b})`); break;
      case OP.div: bin((a, b) => `div(${a}, ${b})`); break;
      case OP.mod: bin((a, b) => `(${a} % ${b})`); break;
      case OP.pow: bin((a, b) => `Math.pow(${a}, ${b})`); break;
      case OP.lt: bin((a, b) => `(${a} < ${b} ? 1 : 0)`); break;
      case OP.le: bin((a, b) => `(${a} <= ${b} ? 1 : 0)`); break;
      case OP.gt: bin((a, b) => `(${a} > ${b} ? 1 : 0)`); break;
      case OP.ge: bin((a, b) => `(${a} >= ${b} ? 1 : 0)`); break;
      case OP.eq: bin((a, b) => `(${a} === ${b} ? 1 : 0)`); break;
      case OP.ne: bin((a, b) => `(${a} !== ${b} ? 1 : 0)`); break;
      case OP.min:
      case OP.max: {
        const name = ops[pc] === OP.min ? 'min' : 'max';
        const n = ops[++pc]!;
        st.push(`Math.${name}(${st.splice(st.length - n, n).join(', ')})`);
        break;
      }
      case OP.abs: un('abs'); break;
      case OP.sqrt: un('sqrt'); break;
      case OP.exp: un('exp'); break;
      case OP.log: un('log'); break;
      case OP.floor: un('floor'); break;
      case OP.ceil: un('ceil'); break;
      case OP.round: un('round'); break;
      case OP.clamp: {
        const [x, lo, hi] = st.splice(st.length - 3, 3);
        st.push(`Math.min(${hi}, Math.max(${lo}, ${x}))`);
        break;
      }
      case OP.if: {
        const [c, a, b] = st.splice(st.length - 3, 3);
        st.push(`(${c} !== 0 ? ${a} : ${b})`);
        break;
      }
      default:
        throw new Error(`unknown opcode ${ops[pc]}`);
    }
  }
  return st[0]!;
}

/** Division where a share of nothing is nothing. */
export const divideOrZero = (a: number, b: number): number => (b === 0 ? 0 : a / b);

export type SeriesRecorder = (v: Float64Array, f: Float64Array, pm: number, p: Float64Array, columns: Float64Array[], at: number) => void;

/**
 * One function that writes every series into its column: generated from the programs (see
 * `programSource`) so each series runs as compiled arithmetic. Where code generation from
 * strings is disabled (--disallow-code-generation-from-strings), the interpreter is used.
 */
export function seriesRecorder(programs: readonly Program[]): SeriesRecorder {
  const interpreted: SeriesRecorder = (v, f, pm, p, columns, at) => {
    for (let k = 0; k < programs.length; k++) columns[k]![at] = runProgram(programs[k]!, v, f, pm, p);
  };
  try {
    const getters = programs.map((prog) => prog.getters);
    const body = seriesAssignments(programs, (k) => `columns[${k}]`);
    const make = new Function('gs', 'div', `return function record(v, f, pm, p, columns, at) {\n${body}\n};`) as (gs: Compiled[][], div: typeof divideOrZero) => SeriesRecorder;
    return make(getters, divideOrZero);
  } catch {
    return interpreted;
  }
}

/**
 * One statement per series, `<column k>[at] = <its arithmetic>;`, over `v`, `f`, `pm`, `p`, `div`
 * and the getters `gs[k][i]` (see `programSource`): the body of a recorder, or of a loop that
 * records as it steps (span-stepper.ts), which names its columns with `column(k)`.
 */
export function seriesAssignments(programs: readonly Program[], column: (k: number) => string): string {
  return programs.map((prog, k) => `${column(k)}[at] = ${programSource(prog).replace(/g\[(\d+)\]\(\)/g, `gs[${k}][$1]()`)};`).join('\n');
}
