const PLAIN = /^[\x20-\x7e\uac00-\ud7a3]*$/;
const TIDY = /^[\x21-\x7d\uac00-\ud7a3]+(?: [\x21-\x7d\uac00-\ud7a3]+)*$/;

/** Full-width characters (NFKC), dash variants and stray spaces: what every reading starts from. */
export function cleanAddressText(raw: string): string {
  // words of printable ASCII and Hangul syllables, single-spaced: what most addresses are, and
  // what this would return unchanged
  if (TIDY.test(raw)) return raw;
  return (PLAIN.test(raw) ? raw : raw.normalize('NFKC'))
    .replace(/[‐‑‒–—―−ｰ~〜]/g, '-')
    .replace(/[\s\u200b]+/g, ' ')
    .trim();
}

/** Notes in parentheses or brackets, commas and '외 N필지': never part of a place name. */
export function stripNotes(text: string): string {
  return text
    .replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/[,，]/g, ' ') // before '외 N필지', which a comma may split ('1, 외 2필지')
    .replace(/\s*외\s*\d+\s*필지.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Cleans an address as people type it: the text with its notes taken out. */
export function normalizeAddress(raw: string): string {
  return stripNotes(cleanAddressText(raw));
}
