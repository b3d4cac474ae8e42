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
  // Length alone admits 'aaaa…' or '1234…': ask for variety too (a random token passes easily).
  if (new Set(token).size < 10) return 'the token repeats too few different characters (use a random one, for example from `openssl rand -base64 24`)';
  return null;
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
      return c.redirect(url.pathname + url.search, 303);
    }
    return c.json({ error: 'this Pilji host needs its access token', code: 'unauthorized' }, 401);
  };
}
