/**
 * Cleans an address as people type it: full-width characters (NFKC), dash variants, notes in
 * parentheses or brackets, '외 N필지', and stray spaces.
 */
export function normalizeAddress(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[‐‑‒–—―−ｰ~〜]/g, '-')
    .replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/[,，]/g, ' ') // before '외 N필지', which a comma may split ('1, 외 2필지')
    .replace(/\s*외\s*\d+\s*필지.*$/, '')
    .replace(/\s+/g, ' ')
    .trim();
}
