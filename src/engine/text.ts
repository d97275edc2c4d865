/** Text comparison that survives how Vietnamese officials type headers and names. */

/**
 * Keys are computed for the same few hundred labels and headers over and over (every sheet,
 * every template): remember them. Cleared when large so a huge sheet cannot grow it unbounded.
 */
function memoize(compute: (text: string) => string): (text: string) => string {
  const cache = new Map<string, string>();
  return (text) => {
    let key = cache.get(text);
    if (key === undefined) {
      if (cache.size > 20_000) cache.clear();
      key = compute(text);
      cache.set(text, key);
    }
    return key;
  };
}

/** NFC, lower case, single spaces, no surrounding punctuation. Diacritics are kept. */
export const normalizeText = memoize((text: string): string => {
  return text
    .normalize('NFC')
    .toLocaleLowerCase('vi')
    .replace(/[\u00a0\s]+/g, ' ')
    .replace(/[“”"'’‘:;.,*()[\]]/g, ' ')
    .replace(/\s*-\s*/g, ' - ')
    .replace(/\s+/g, ' ')
    .trim();
});

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

export const headerKey = memoize((text: string): string => {
  let key = normalizeText(text);
  for (const [pattern, replacement] of SYNONYMS) key = key.replace(pattern, replacement);
  return key;
});

