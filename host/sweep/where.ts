// The `where:` filter of a sweep file: a small expression language, parsed once (names checked), evaluated per point.
// No eval. Grammar, loosest first:
//   or:  and ('or' and)*          and: not ('and' not)*        not: 'not' not | cmp
//   cmp: sum (('=='|'!='|'<'|'<='|'>'|'>=') sum)?
//   sum: prod (('+'|'-') prod)*   prod: unary (('*'|'/'|'%') unary)*   unary: '-' unary | atom
//   atom: number | 'string' | "string" | true | false | null | dotted.name | '(' or ')'
// Names are leaves of the point's arch (`array.rows`, `sram.ifmapKiB`, `dataflow`) or `workload` (its name).
import { InputError } from '../errors.ts';

export type Expr =
  | { kind: 'lit'; value: number | string | boolean | null }
  | { kind: 'name'; path: string }
  | { kind: 'unary'; op: '-' | 'not'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr };

const TOKEN = /\s*(?:(\d+(?:\.\d*)?(?:[eE][+-]?\d+)?)|('[^']*'|"[^"]*")|([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)|(==|!=|<=|>=|[-+*/%<>()]))/y;
const WORDS: Record<string, Expr> = {
  true: { kind: 'lit', value: true },
  false: { kind: 'lit', value: false },
  null: { kind: 'lit', value: null },
};

type Token = { kind: 'num' | 'str' | 'name' | 'op'; text: string };

function tokenize(text: string, where: string): Token[] {
  const out: Token[] = [];
  TOKEN.lastIndex = 0;
  while (TOKEN.lastIndex < text.length) {
    if (/^\s*$/.test(text.slice(TOKEN.lastIndex))) break;
    const at = TOKEN.lastIndex;
    const m = TOKEN.exec(text);
    if (m === null) throw new InputError(where, `cannot read ${JSON.stringify(text.slice(at).trim())}`, 'use numbers, quoted strings, arch paths, + - * / %, comparisons, and/or/not, parentheses');
    if (m[1] !== undefined) out.push({ kind: 'num', text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: 'str', text: m[2].slice(1, -1) });
    else if (m[3] !== undefined) out.push({ kind: 'name', text: m[3] });
    else out.push({ kind: 'op', text: m[4] });
  }
  return out;
}

/** Parse a where expression; every name must be one of `names`. */
export function parseWhere(text: string, where: string, names: readonly string[]): Expr {
  const tokens = tokenize(text, where);
  let i = 0;
  const peek = (): Token | undefined => tokens[i];
  const isOp = (...ops: string[]): boolean => {
    const t = peek();
    return t !== undefined && (t.kind === 'op' || t.kind === 'name') && ops.includes(t.text);
  };
  const fail = (what: string): never => {
    throw new InputError(where, what, `fix the expression ${JSON.stringify(text)}`);
  };
  const binaryLevel = (ops: string[], next: () => Expr) => (): Expr => {
    let left = next();
    while (isOp(...ops)) {
      const op = tokens[i++].text;
      left = { kind: 'binary', op, left, right: next() };
    }
    return left;
  };
  const atom = (): Expr => {
    const t = tokens[i++];
    if (t === undefined) return fail('ends too early');
    if (t.kind === 'num') return { kind: 'lit', value: Number(t.text) };
    if (t.kind === 'str') return { kind: 'lit', value: t.text };
    if (t.kind === 'name') {
      if (t.text in WORDS) return WORDS[t.text];
      if (!names.includes(t.text)) fail(`unknown name ${t.text}`);
      return { kind: 'name', path: t.text };
    }
    if (t.text === '(') {
      const e = or();
      if (!isOp(')')) fail('a ( is not closed');
      i++;
      return e;
    }
    return fail(`unexpected ${t.text}`);
  };
  const unary = (): Expr => (isOp('-') ? (i++, { kind: 'unary', op: '-', arg: unary() }) : atom());
  const prod = binaryLevel(['*', '/', '%'], unary);
  const sum = binaryLevel(['+', '-'], prod);
  const cmp = (): Expr => {
    const left = sum();
    if (!isOp('==', '!=', '<', '<=', '>', '>=')) return left;
    const op = tokens[i++].text;
    return { kind: 'binary', op, left, right: sum() };
  };
  const not = (): Expr => (isOp('not') ? (i++, { kind: 'unary', op: 'not', arg: not() }) : cmp());
  const and = binaryLevel(['and'], not);
  const or = binaryLevel(['or'], and);
  const expr = or();
  if (i < tokens.length) fail(`unexpected ${tokens[i].text}`);
  return expr;
}

type Value = number | string | boolean | null;

/** Evaluate `expr` with names looked up by `lookup`; a comparison of a number with a string is false, not an error. */
export function evaluate(expr: Expr, lookup: (path: string) => Value): Value {
  switch (expr.kind) {
    case 'lit':
      return expr.value;
    case 'name':
      return lookup(expr.path);
    case 'unary': {
      const v = evaluate(expr.arg, lookup);
      return expr.op === 'not' ? !v : -Number(v);
    }
    case 'binary': {
      if (expr.op === 'and') return Boolean(evaluate(expr.left, lookup)) && Boolean(evaluate(expr.right, lookup));
      if (expr.op === 'or') return Boolean(evaluate(expr.left, lookup)) || Boolean(evaluate(expr.right, lookup));
      const a = evaluate(expr.left, lookup);
      const b = evaluate(expr.right, lookup);
      return BINARY[expr.op](a, b);
    }
  }
}

const num = (v: Value): number => Number(v);
const BINARY: Record<string, (a: Value, b: Value) => Value> = {
  '+': (a, b) => num(a) + num(b),
  '-': (a, b) => num(a) - num(b),
  '*': (a, b) => num(a) * num(b),
  '/': (a, b) => num(a) / num(b),
  '%': (a, b) => num(a) % num(b),
  '==': (a, b) => a === b,
  '!=': (a, b) => a !== b,
  '<': (a, b) => typeof a === typeof b && a !== null && b !== null && a < b,
  '<=': (a, b) => typeof a === typeof b && a !== null && b !== null && a <= b,
  '>': (a, b) => typeof a === typeof b && a !== null && b !== null && a > b,
  '>=': (a, b) => typeof a === typeof b && a !== null && b !== null && a >= b,
};
