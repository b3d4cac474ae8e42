import { promises as fs } from 'node:fs';
import path from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.pbf': 'application/x-protobuf',
  '.wasm': 'application/wasm',
  '.csv': 'text/csv; charset=utf-8',
};

/**
 * Resolves a URL path inside `root`, or null if it would leave it: `..`, encoded slashes and
 * symlinks pointing outside all resolve to null.
 */
export async function resolveInside(root: string, urlPath: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  const candidate = path.resolve(root, '.' + path.posix.normalize('/' + decoded));
  const realRoot = await fs.realpath(root);
  let real: string;
  try {
    real = await fs.realpath(candidate);
  } catch {
    return null;
  }
  if (real !== realRoot && !real.startsWith(realRoot + path.sep)) return null;
  return real;
}

export async function fileResponse(root: string, urlPath: string, headers: Record<string, string> = {}): Promise<Response | null> {
  const file = await resolveInside(root, urlPath);
  if (!file) return null;
  const stat = await fs.stat(file);
  if (!stat.isFile()) return null;
  const body = await fs.readFile(file);
  return new Response(body, {
    headers: { 'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream', 'content-length': String(body.length), ...headers },
  });
}
