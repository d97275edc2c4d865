/** Text comparison that survives how Vietnamese officials type headers and names. */

/** NFC, lower case, single spaces, no surrounding punctuation. Diacritics are kept. */
export function normalizeText(text: string): string {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[“”"'’‘:;.,*()[\]]/g, ' ')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Drops diacritics (and đ → d). Only for matching that is checked to be unambiguous. */
export function foldDiacritics(text: string): string {
  return normalizeText(text)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .normalize('NFC');
}

/** Equivalent wordings used in real annexes, folded before comparing headers and labels. */
const SYNONYMS: ReadonlyArray<[RegExp, string]> = [
  [/\btổng cộng\b/g, 'tổng số'],
  [/^stt$/g, 'tt'],
  [/^số tt$/g, 'tt'],
  [/\bnăm (\d{4})\b/g, '$1'],
];

export function headerKey(text: string): string {
  let key = normalizeText(text);
  for (const [pattern, replacement] of SYNONYMS) key = key.replace(pattern, replacement);
  return key;
}

export function isBlankText(value: unknown): boolean {
  return typeof value === 'string' && value.trim() === '';
}
