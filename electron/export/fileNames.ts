import path from 'node:path';

/**
 * A name the user gave an export, as one safe file name base: no folders (`/`, `\`, `..`), no
 * characters Windows refuses, no control characters, at most 80 characters; 'pilji' when nothing
 * is left. Every file an export writes is named from this, never from a request's path.
 */
export function exportBaseName(name: unknown): string {
  const cleaned = (typeof name === 'string' ? name : '')
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\\/:*?"<>|]+/gu, '_')
    .replace(/^[\s.]+|[\s.]+$/g, '')
    .slice(0, 80);
  return cleaned && !/^\.+$/.test(cleaned) ? cleaned : 'pilji';
}

/** `dir/name`, refused unless it stays directly inside `dir` (a second wall behind exportBaseName). */
export function fileInside(dir: string, name: string): string {
  const full = path.resolve(dir, name);
  if (path.dirname(full) !== path.resolve(dir)) throw new Error(`refusing to write '${name}' outside ${dir}`);
  return full;
}
