import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';

const COOKIE = 'pilji_session';
/** 128 bits: the least a token guarding a LAN server may carry. */
export const MIN_TOKEN_LENGTH = 22;

/** Why a token is too weak to guard a server on the network, or null when it will do. */
export function weakTokenReason(token: string | undefined): string | null {
  if (!token) return 'no token was given';
  if (token.length < MIN_TOKEN_LENGTH) return `the token has ${token.length} characters (at least ${MIN_TOKEN_LENGTH})`;
  const advice = ' (use a random one, for example from `openssl rand -base64 24`)';
  // Length alone admits 'aaaa…' or '1234…': ask for variety too (a random token passes easily).
  if (new Set(token).size < 10) return `the token repeats too few different characters${advice}`;
  if (sequentialShare(token) > 0.3) return `the token is mostly a run of neighbouring characters (abc…, 123…, qwe…)${advice}`;
  if (poolBits(token) < MIN_TOKEN_BITS)
    return `the token is too guessable for its length: about ${Math.round(poolBits(token))} bits, at least ${MIN_TOKEN_BITS}${advice}`;
  return null;
}

/** What a token of random characters from its character classes would carry; 22 base64 characters carry 132. */
const MIN_TOKEN_BITS = 100;

function poolBits(token: string): number {
  const classes: [RegExp, number][] = [
    [/[a-z]/, 26],
    [/[A-Z]/, 26],
    [/[0-9]/, 10],
    [/[^a-zA-Z0-9]/, 33],
  ];
  const pool = classes.reduce((n, [re, size]) => n + (re.test(token) ? size : 0), 0);
  return token.length * Math.log2(Math.max(pool, 2));
}

const KEYBOARD_ROWS = ['1234567890', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm'];

/** The share of neighbouring pairs that follow the alphabet, the digits or a keyboard row (either way). */
function sequentialShare(token: string): number {
  const t = token.toLowerCase();
  let runs = 0;
  for (let i = 1; i < t.length; i++) {
    const a = t[i - 1]!;
    const b = t[i]!;
    const step = Math.abs(b.charCodeAt(0) - a.charCodeAt(0)) <= 1;
    const keys = KEYBOARD_ROWS.some((row) => row.includes(a + b) || row.includes(b + a));
    if (step || keys) runs++;
  }
  return runs / Math.max(1, t.length - 1);
}

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Every request needs the token: as `Authorization: Bearer <token>` (API clients, the desktop
 * renderer) or as the session cookie a browser gets by opening the printed `/?token=` URL once.
 * The cookie is HttpOnly and SameSite=Strict, so other sites cannot ride on it.
 */
export function requireToken(token: string): MiddlewareHandler {
  return async (c, next) => {
    const header = c.req.header('authorization');
    const bearer = header?.startsWith('Bearer ') ? header.slice(7) : null;
    if (bearer !== null && same(bearer, token)) return next();
    const cookie = getCookie(c, COOKIE);
    if (cookie && same(cookie, token)) return next();
    const url = new URL(c.req.url);
    const query = url.searchParams.get('token');
    if (query !== null && same(query, token) && c.req.method === 'GET') {
      setCookie(c, COOKIE, token, { httpOnly: true, sameSite: 'Strict', path: '/' });
      url.searchParams.delete('token');
      // '//evil.example/' (or '/\\evil.example') would be a redirect to another host
      return c.redirect(url.pathname.replace(/^[/\\]+/, '/') + url.search, 303);
    }
    return c.json({ error: 'this Pilji host needs its access token', code: 'unauthorized' }, 401);
  };
}
