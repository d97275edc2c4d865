import { parseA1 } from '../../src/engine/a1.js';

/**
 * A tiny spreadsheet evaluator for the formulas GNBV writes into one sheet (SUM, COUNT, IF, ABS,
 * ROUND, + - = <, A1 cells and ranges), with Excel's semantics for them: SUM and COUNT skip text
 * and blanks, a blank cell is 0 in arithmetic, text in arithmetic is #VALUE!. Written for the
 * mutation tests, where loading HyperFormula per mutant would cost more than the test itself;
 * its own behaviour is pinned in tests/mutation-totals.test.ts against hand-worked values.
 */
export type Scalar = number | string | null;
type Value = Scalar | Scalar[];

export class FormulaValueError extends Error {}

export function evaluateFormula(formula: string, cell: (row: number, col: number) => Scalar): Scalar {
  const tokens = formula.match(/"[^"]*"|[A-Z]+\(|\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?|\d+(?:\.\d+)?(?:[eE][-+]?\d+)?|[-+=<>(),*/]/g) ?? [];
  if (tokens.join('') !== formula.replace(/\s+/g, '')) throw new Error(`cannot read ${formula}`);
  let i = 0;
  const peek = () => tokens[i];
  const take = (expected?: string) => {
    const token = tokens[i++];
    if (expected !== undefined && token !== expected) throw new Error(`expected ${expected} at ${i} in ${formula}`);
    return token!;
  };
  const numeric = (v: Value): number => {
    if (Array.isArray(v)) throw new FormulaValueError('range in arithmetic');
    if (v === null) return 0;
    if (typeof v === 'string') throw new FormulaValueError(`text "${v}" in arithmetic`);
    return v;
  };
  const flat = (args: Value[]) => args.flatMap((a) => (Array.isArray(a) ? a : [a]));
  const call = (name: string, args: Value[]): Value => {
    switch (name) {
      case 'SUM':
        return flat(args).reduce<number>((s, v) => s + (typeof v === 'number' ? v : 0), 0);
      case 'COUNT':
        return flat(args).filter((v) => typeof v === 'number').length;
      case 'IF':
        return numeric(args[0]!) !== 0 ? (args[1] as Scalar) : ((args[2] ?? false) as Scalar);
      case 'ABS':
        return Math.abs(numeric(args[0]!));
      case 'ROUND': {
        const factor = 10 ** numeric(args[1]!);
        return Math.round(numeric(args[0]!) * factor) / factor;
      }
      default:
        throw new Error(`unknown function ${name}`);
    }
  };
  const primary = (): Value => {
    const token = take();
    if (token.startsWith('"')) return token.slice(1, -1);
    if (token === '(') {
      const v = expression();
      take(')');
      return v;
    }
    if (token === '-') return -numeric(primary());
    if (token.endsWith('(')) {
      const args: Value[] = [];
      if (peek() !== ')') {
        args.push(expression());
        while (peek() === ',') {
          take();
          args.push(expression());
        }
      }
      take(')');
      return call(token.slice(0, -1), args);
    }
    if (/^\d/.test(token)) return Number(token);
    const [from, to] = token.replace(/\$/g, '').split(':');
    const a = parseA1(from!);
    if (!to) return cell(a.row, a.col);
    const b = parseA1(to);
    const range: Scalar[] = [];
    for (let r = Math.min(a.row, b.row); r <= Math.max(a.row, b.row); r++) for (let c = Math.min(a.col, b.col); c <= Math.max(a.col, b.col); c++) range.push(cell(r, c));
    return range;
  };
  const sum = (): Value => {
    let v = primary();
    while (peek() === '+' || peek() === '-') {
      const op = take();
      const w = primary();
      v = op === '+' ? numeric(v) + numeric(w) : numeric(v) - numeric(w);
    }
    return v;
  };
  function expression(): Value {
    const v = sum();
    if (peek() === '=' || peek() === '<') {
      const op = take();
      const w = sum();
      return (op === '=' ? numeric(v) === numeric(w) : numeric(v) < numeric(w)) ? 1 : 0;
    }
    return v;
  }
  const result = expression();
  if (i !== tokens.length) throw new Error(`left over in ${formula}`);
  if (Array.isArray(result)) throw new FormulaValueError('a range as a result');
  return result;
}
