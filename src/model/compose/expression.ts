// A small expression language for series and derived parameters, compiled once to closures.
// Never `eval`: a hand-written precedence-climbing parser over a fixed grammar, so a data file
// can only name stocks, flows and parameters and combine them arithmetically.
//
//   expr    := cond
//   cond    := compare
//   compare := sum (('<' | '<=' | '>' | '>=' | '==' | '!=') sum)?
//   sum     := product (('+' | '-') product)*
//   product := unary (('*' | '/' | '%') unary)*
//   unary   := '-' unary | power
//   power   := primary ('^' unary)?
//   primary := number | name | call | '(' expr ')'
//   name    := ident ('[' integer ']')? ('.' ident)*
//   call    := ident '(' expr (',' expr)* ')'
//
// `a / 0` is 0: a share of nothing (errors among no attempts) is no share. Comparisons give 1 or 0.

export type Compiled = () => number;

/** A problem in an expression: what was expected and the 0-based offset in the text. */
export class ExpressionError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

/** Turns a name of the expression into a getter, or returns a message saying why it cannot. */
export type NameResolver = (name: string, offset: number) => Compiled | string;

type Fn = { arity: [number, number]; make: (args: Compiled[]) => Compiled };

const functions: Record<string, Fn> = {
  min: { arity: [1, 64], make: (a) => (a.length === 2 ? () => Math.min(a[0]!(), a[1]!()) : () => Math.min(...a.map((f) => f()))) },
  max: { arity: [1, 64], make: (a) => (a.length === 2 ? () => Math.max(a[0]!(), a[1]!()) : () => Math.max(...a.map((f) => f()))) },
  abs: { arity: [1, 1], make: ([x]) => () => Math.abs(x!()) },
  sqrt: { arity: [1, 1], make: ([x]) => () => Math.sqrt(x!()) },
  exp: { arity: [1, 1], make: ([x]) => () => Math.exp(x!()) },
  log: { arity: [1, 1], make: ([x]) => () => Math.log(x!()) },
  floor: { arity: [1, 1], make: ([x]) => () => Math.floor(x!()) },
  ceil: { arity: [1, 1], make: ([x]) => () => Math.ceil(x!()) },
  round: { arity: [1, 1], make: ([x]) => () => Math.round(x!()) },
  clamp: { arity: [3, 3], make: ([x, lo, hi]) => () => Math.min(hi!(), Math.max(lo!(), x!())) },
  if: { arity: [3, 3], make: ([c, a, b]) => () => (c!() !== 0 ? a!() : b!()) },
};

export const expressionFunctions = Object.keys(functions);

const divide = (a: Compiled, b: Compiled): Compiled => () => {
  const d = b();
  return d === 0 ? 0 : a() / d;
};

const binary: Record<string, (a: Compiled, b: Compiled) => Compiled> = {
  '+': (a, b) => () => a() + b(),
  '-': (a, b) => () => a() - b(),
  '*': (a, b) => () => a() * b(),
  '/': divide,
  '%': (a, b) => () => a() % b(),
  '^': (a, b) => () => a() ** b(),
  '<': (a, b) => () => (a() < b() ? 1 : 0),
  '<=': (a, b) => () => (a() <= b() ? 1 : 0),
  '>': (a, b) => () => (a() > b() ? 1 : 0),
  '>=': (a, b) => () => (a() >= b() ? 1 : 0),
  '==': (a, b) => () => (a() === b() ? 1 : 0),
  '!=': (a, b) => () => (a() !== b() ? 1 : 0),
};

/** Longest expression accepted: a series formula, not a program. */
export const maxExpressionLength = 2000;

interface Token {
  kind: 'num' | 'name' | 'op' | 'end';
  text: string;
  value?: number;
  at: number;
}

function tokenize(src: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i]!;
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    const num = /^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(src.slice(i, i + 64));
    if (num) {
      tokens.push({ kind: 'num', text: num[0], value: Number(num[0]), at: i });
      i += num[0].length;
      continue;
    }
    const name = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i, i + 200));
    if (name) {
      tokens.push({ kind: 'name', text: name[0], at: i });
      i += name[0].length;
      continue;
    }
    const two = src.slice(i, i + 2);
    if (two === '<=' || two === '>=' || two === '==' || two === '!=') {
      tokens.push({ kind: 'op', text: two, at: i });
      i += 2;
      continue;
    }
    if ('+-*/%^()<>,.[]'.includes(c)) {
      tokens.push({ kind: 'op', text: c, at: i });
      i++;
      continue;
    }
    throw new ExpressionError(`unexpected character \`${c}\``, i);
  }
  tokens.push({ kind: 'end', text: 'end of expression', at: src.length });
  return tokens;
}

/** The syntax tree of an expression. */
export type Node =
  | { k: 'num'; v: number }
  | { k: 'name'; name: string; at: number }
  | { k: 'neg'; a: Node }
  | { k: 'bin'; op: string; a: Node; b: Node }
  | { k: 'call'; fn: string; args: Node[] };

/** Parses `src` into a syntax tree. Throws ExpressionError. */
export function parseExpression(src: string): Node {
  if (src.length > maxExpressionLength) throw new ExpressionError(`the expression is longer than ${maxExpressionLength} characters`, 0);
  const tokens = tokenize(src);
  let pos = 0;
  const peek = () => tokens[pos]!;
  const next = () => tokens[pos++]!;
  const describe = (t: Token) => (t.kind === 'end' ? 'the end of the expression' : `\`${t.text}\``);
  const expect = (text: string) => {
    const t = next();
    if (t.text !== text) throw new ExpressionError(`expected \`${text}\`, found ${describe(t)}`, t.at);
  };
  let depth = 0;

  const parseExpr = (): Node => {
    if (++depth > 100) throw new ExpressionError('the expression is nested more than 100 deep', peek().at);
    let out = parseSum();
    const t = peek();
    if (t.kind === 'op' && ['<', '<=', '>', '>=', '==', '!='].includes(t.text)) {
      next();
      out = { k: 'bin', op: t.text, a: out, b: parseSum() };
    }
    depth--;
    return out;
  };
  const parseSum = (): Node => {
    let left = parseProduct();
    for (let t = peek(); t.kind === 'op' && (t.text === '+' || t.text === '-'); t = peek()) {
      next();
      left = { k: 'bin', op: t.text, a: left, b: parseProduct() };
    }
    return left;
  };
  const parseProduct = (): Node => {
    let left = parseUnary();
    for (let t = peek(); t.kind === 'op' && (t.text === '*' || t.text === '/' || t.text === '%'); t = peek()) {
      next();
      left = { k: 'bin', op: t.text, a: left, b: parseUnary() };
    }
    return left;
  };
  // Unary minus binds looser than `^`, as in mathematics: -a^2 is -(a^2); 2^-1 is 0.5.
  const parseUnary = (): Node => {
    const t = peek();
    if (t.kind === 'op' && t.text === '-') {
      next();
      if (++depth > 100) throw new ExpressionError('the expression is nested more than 100 deep', t.at);
      const a = parseUnary();
      depth--;
      return { k: 'neg', a };
    }
    if (t.kind === 'op' && t.text === '+') {
      next();
      return parseUnary();
    }
    return parsePower();
  };
  const parsePower = (): Node => {
    const base = parsePrimary();
    if (peek().text === '^' && peek().kind === 'op') {
      const t = next();
      if (++depth > 100) throw new ExpressionError('the expression is nested more than 100 deep', t.at);
      const exponent = parseUnary();
      depth--;
      return { k: 'bin', op: '^', a: base, b: exponent };
    }
    return base;
  };
  const parsePrimary = (): Node => {
    const t = next();
    if (t.kind === 'num') return { k: 'num', v: t.value! };
    if (t.kind === 'op' && t.text === '(') {
      const inner = parseExpr();
      expect(')');
      return inner;
    }
    if (t.kind === 'name') {
      if (peek().text === '(') {
        const fn = Object.hasOwn(functions, t.text) ? functions[t.text] : undefined;
        if (!fn) throw new ExpressionError(`unknown function \`${t.text}\`; the functions are ${expressionFunctions.join(', ')}`, t.at);
        next();
        const args: Node[] = [parseExpr()];
        while (peek().text === ',') {
          next();
          args.push(parseExpr());
        }
        expect(')');
        if (args.length < fn.arity[0] || args.length > fn.arity[1]) {
          const want = fn.arity[0] === fn.arity[1] ? `${fn.arity[0]}` : `${fn.arity[0]} to ${fn.arity[1]}`;
          throw new ExpressionError(`\`${t.text}\` takes ${want} argument(s), got ${args.length}`, t.at);
        }
        return { k: 'call', fn: t.text, args };
      }
      let name = t.text;
      if (peek().text === '[') {
        next();
        const index = next();
        if (index.kind !== 'num' || !Number.isInteger(index.value)) {
          throw new ExpressionError(`expected a cell number inside \`[ ]\`, found ${describe(index)}`, index.at);
        }
        expect(']');
        name += `[${index.value}]`;
      }
      while (peek().text === '.') {
        next();
        const part = next();
        if (part.kind !== 'name') throw new ExpressionError(`expected a name after \`.\`, found ${describe(part)}`, part.at);
        name += `.${part.text}`;
      }
      return { k: 'name', name, at: t.at };
    }
    throw new ExpressionError(`expected a number, a name or \`(\`, found ${describe(t)}`, t.at);
  };

  const tree = parseExpr();
  const end = peek();
  if (end.kind !== 'end') throw new ExpressionError(`unexpected ${describe(end)} after a complete expression`, end.at);
  return tree;
}

/** Compiles `src` to a closure, resolving each name with `resolve`. Throws ExpressionError. */
export function compileExpression(src: string, resolve: NameResolver): Compiled {
  const build = (n: Node): Compiled => {
    switch (n.k) {
      case 'num': {
        const v = n.v;
        return () => v;
      }
      case 'name': {
        const got = resolve(n.name, n.at);
        if (typeof got === 'string') throw new ExpressionError(got, n.at);
        return got;
      }
      case 'neg': {
        const a = build(n.a);
        return () => -a();
      }
      case 'bin':
        return binary[n.op]!(build(n.a), build(n.b));
      case 'call':
        return functions[n.fn]!.make(n.args.map(build));
    }
  };
  return build(parseExpression(src));
}

/** The names an expression mentions (for wiring checks), without resolving them. */
export function namesIn(src: string): string[] {
  const names: string[] = [];
  compileExpression(src, (name) => {
    names.push(name);
    return () => 0;
  });
  return names;
}
