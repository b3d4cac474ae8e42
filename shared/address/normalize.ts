/**
 * Cleans an address as people type it: full-width characters (NFKC), dash variants, notes in
 * parentheses or brackets, '외 N필지', and stray spaces.
 */
export function normalizeAddress(raw: string): string {
  return raw
    .normalize('NFKC')
    .replace(/[‐‑‒–—―−ｰ~〜]/g, '-')
    .replace(/\([^)]*\)|\[[^\]]*\]|<[^>]*>/g, ' ')
    .replace(/\s*외\s*\d+\s*필지.*$/, '')
    .replace(/[,，]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}
