/**
 * Numbers that arrive as text ("1.234,5", "1,234.5", " 12 ", "(120)", "12 triệu").
 * vi-VN writes "." for thousands and "," for decimals; en-US the reverse, so "1.234" is
 * 1234 or 1.234 depending on the sheet's convention — never guessed silently.
 */

export type NumberConvention = 'vi' | 'en';

export type ParsedNumberText =
  | { kind: 'number'; value: number; convention?: NumberConvention }
  | { kind: 'ambiguous'; vi: number; en: number }
  | { kind: 'not-number' };

const UNIT_SUFFIX = /\s*(triệu đồng|triệu|trđ|tr\.đ|tr)\.?$/iu;

function parseGrouped(body: string, thousands: string, decimal: string): number | null {
  const parts = body.split(decimal);
  if (parts.length > 2) return null;
  const [integerPart = '', fraction] = parts as [string, string?];
  if (fraction !== undefined && !/^\d+$/.test(fraction)) return null;
  const groups = integerPart.split(thousands);
  if (groups.length > 1) {
    if (!/^\d{1,3}$/.test(groups[0]!)) return null;
    if (!groups.slice(1).every((g) => /^\d{3}$/.test(g))) return null;
  } else if (!/^\d+$/.test(integerPart)) {
    return null;
  }
  return Number(groups.join('') + (fraction !== undefined ? `.${fraction}` : ''));
}

/** Parses text that may be a number; `convention` settles "1.234"-style ambiguity. */
export function parseNumberText(text: string, convention?: NumberConvention): ParsedNumberText {
  let body = text.normalize('NFC').replace(/[\s\u00a0\u202f]+/g, ' ').trim().replace(UNIT_SUFFIX, '');
  body = body.replace(/(\d) (?=\d{3}\b)/g, '$1');
  let sign = 1;
  const accounting = /^\((.*)\)$/.exec(body);
  if (accounting) {
    sign = -1;
    body = accounting[1]!.trim();
  }
  if (/^[-−]/.test(body)) {
    sign = -sign;
    body = body.slice(1).trim();
  } else if (body.startsWith('+')) {
    body = body.slice(1).trim();
  }
  if (!/^\d[\d.,]*$/.test(body)) return { kind: 'not-number' };
  const vi = parseGrouped(body, '.', ',');
  const en = parseGrouped(body, ',', '.');
  if (vi === null && en === null) return { kind: 'not-number' };
  if (vi === null) return { kind: 'number', value: sign * en!, convention: 'en' };
  if (en === null) return { kind: 'number', value: sign * vi, convention: 'vi' };
  if (vi === en) return { kind: 'number', value: sign * vi };
  if (convention) return { kind: 'number', value: sign * (convention === 'vi' ? vi : en), convention };
  return { kind: 'ambiguous', vi: sign * vi, en: sign * en };
}

/**
 * The convention a sheet's text numbers reveal: the one its unambiguous texts use, or
 * undefined when they use none or both.
 */
export function detectConvention(texts: Iterable<string>): NumberConvention | undefined {
  const seen = new Set<NumberConvention>();
  for (const text of texts) {
    const parsed = parseNumberText(text);
    if (parsed.kind === 'number' && parsed.convention) seen.add(parsed.convention);
  }
  return seen.size === 1 ? [...seen][0] : undefined;
}

/**
 * How far apart two amounts may be and still be the same figure. Figures are counts and money
 * in triệu đồng with up to 6 decimals (one đồng), so a difference the sheet can show (1e-6 or
 * more) is real, while summing hundreds of them rounds each step by at most one float step of
 * the running sum: n·ε relative for n values of one sign (n ≤ 512 here). That noise stays under
 * half a đồng up to ~4·10⁶ triệu, beyond any district figure; above it the relative term grows,
 * but never past half of 0.001 triệu, so one unit or 0.001 triệu is never noise at any size
 * (figures typed in đồng by mistake are whole numbers, whose sums are exact). The old
 * 1e-12 relative term swallowed a 1-unit difference above 10¹².
 */
const SHOWN_DECIMAL = 5e-7;
const SUM_NOISE = 512 * Number.EPSILON;
const NEVER_NOISE = 5e-4;

/** Equal within float noise; a difference of one unit, 0.001 triệu or one đồng is never noise. */
export function sameAmount(a: number, b: number): boolean {
  const noise = SUM_NOISE * Math.max(Math.abs(a), Math.abs(b));
  return Math.abs(a - b) <= Math.min(NEVER_NOISE, Math.max(SHOWN_DECIMAL, noise));
}

/** Rounds away float noise for display and for expected values in reports. */
export function tidy(value: number): number {
  return Math.round(value * 1e6) / 1e6;
}
