import { z } from 'zod';
import { foldDiacritics, normalizeText } from './text.js';

export const unitListSchema = z.object({
  id: z.string().regex(/^[a-z0-9-]+$/),
  district: z.string().min(1),
  districtCode: z.string().optional(),
  province: z.string().optional(),
  units: z
    .array(z.object({ code: z.string().min(1), name: z.string().min(1), shortName: z.string().min(1).max(22) }))
    .min(1),
});
export type UnitList = z.output<typeof unitListSchema>;
export type Unit = UnitList['units'][number];

export type UnitMatch =
  | { kind: 'unit'; unit: Unit }
  | { kind: 'district' }
  | { kind: 'ambiguous'; candidates: Unit[] }
  | { kind: 'unknown' };

const KIND_PREFIXES: ReadonlyArray<[RegExp, string]> = [
  [/^(ubnd|ủy ban nhân dân|uỷ ban nhân dân)\s+/u, ''],
  [/^(thị trấn|tt)\s+/u, 'thị trấn'],
  [/^(xã)\s+/u, 'xã'],
  [/^(phường)\s+/u, 'phường'],
  [/^(huyện)\s+/u, 'huyện'],
];

/** Splits "UBND xã Cam Thành" into kind "xã" and core "cam thành" (diacritics kept). */
function parseName(text: string): { kind?: string; core: string } {
  let rest = normalizeText(text);
  let kind: string | undefined;
  for (const [pattern, name] of KIND_PREFIXES) {
    const match = pattern.exec(rest);
    if (!match) continue;
    rest = rest.slice(match[0].length);
    if (name) kind = name;
  }
  // "xa cam thanh": a kind word typed without diacritics.
  const folded = /^(xa|thi tran|huyen|phuong)\s+/.exec(rest);
  if (!kind && folded) {
    kind = { xa: 'xã', 'thi tran': 'thị trấn', huyen: 'huyện', phuong: 'phường' }[folded[1] as 'xa'];
    rest = rest.slice(folded[0].length);
  }
  return { ...(kind ? { kind } : {}), core: rest.trim() };
}

const parsedLists = new WeakMap<UnitList, Array<{ unit: Unit; parsed: { kind?: string; core: string } }>>();
function parsedUnits(list: UnitList) {
  let parsed = parsedLists.get(list);
  if (!parsed) parsedLists.set(list, (parsed = list.units.map((unit) => ({ unit, parsed: parseName(unit.name) }))));
  return parsed;
}

const hasDiacritics = (text: string) => /[^\u0000-\u007f]/.test(text.normalize('NFC'));

/**
 * Identifies a reporting unit from the "Đơn vị báo cáo" text or a file name.
 * Exact names (diacritics kept) win. Text typed without any diacritics may match on folded
 * names only when exactly one unit folds that way: "xa cam thanh" could be Cam Thanh or
 * Cam Thành, so it is ambiguous, never guessed.
 */
export function identifyUnit(text: string, list: UnitList): UnitMatch {
  const cleaned = text.replace(/\.xlsx?$/i, '').replace(/[_]+/g, ' ');
  const name = parseName(cleaned);
  if (!name.core) return { kind: 'unknown' };
  const district = parseName(list.district);
  if (name.kind === 'huyện' && (containsWords(name.core, district.core) || containsWords(foldDiacritics(name.core), foldDiacritics(district.core)))) return { kind: 'district' };

  const units = parsedUnits(list);
  const kindFits = (kind?: string) => !name.kind || !kind || name.kind === kind;
  const asciiOnly = !hasDiacritics(cleaned);

  if (!asciiOnly) {
    const exact = units.filter(({ parsed }) => parsed.core === name.core && kindFits(parsed.kind));
    if (exact.length === 1) return { kind: 'unit', unit: exact[0]!.unit };
    const contained = units.filter(({ parsed }) => containsWords(name.core, parsed.core) && kindFits(parsed.kind));
    if (contained.length === 1) return { kind: 'unit', unit: contained[0]!.unit };
    return contained.length > 1 ? { kind: 'ambiguous', candidates: contained.map((u) => u.unit) } : { kind: 'unknown' };
  }
  const folded = foldDiacritics(name.core);
  const matches = units.filter(({ parsed }) => containsWords(folded, foldDiacritics(parsed.core)) && kindFits(parsed.kind));
  if (matches.length === 1) return { kind: 'unit', unit: matches[0]!.unit };
  if (matches.length > 1) {
    // "cam lo thanh" style file names: prefer the longest name that fits, if it is the only one that long.
    return { kind: 'ambiguous', candidates: matches.map((u) => u.unit) };
  }
  return { kind: 'unknown' };
}

/** True when `needle`'s words appear as consecutive whole words in `haystack`. */
function containsWords(haystack: string, needle: string): boolean {
  const words = ` ${haystack.replace(/[^\p{L}\p{N}]+/gu, ' ').trim()} `;
  return words.includes(` ${needle} `);
}
