import os from 'node:os';
import type { MiddlewareHandler } from 'hono';
import type { ApiError } from '../../shared/api/contract';

const LOOPBACK_NAMES = ['127.0.0.1', 'localhost', '::1'];

/**
 * The names a browser may reach this host by. A page elsewhere that re-points its own name at
 * the host (DNS rebinding) arrives with that name in `Host`, so anything else is refused. Bound
 * to every interface, the host answers to this machine's own addresses and name, and to names
 * the operator lists (`--allowed-host`).
 */
export function hostNames(bound: string, extra: string[] = []): Set<string> {
  const names = new Set([...LOOPBACK_NAMES, ...extra.map((h) => h.toLowerCase())]);
  if (bound === '0.0.0.0' || bound === '::') {
    names.add(os.hostname().toLowerCase());
    for (const list of Object.values(os.networkInterfaces())) for (const a of list ?? []) names.add(a.address.toLowerCase());
  } else names.add(bound.toLowerCase());
  return names;
}

/** Refuses a request whose `Host` is not one of `allowed` (403). */
export function requireKnownHost(allowed: ReadonlySet<string>): MiddlewareHandler {
  return async (c, next) => {
    const host = (c.req.header('host') ?? '').toLowerCase();
    // 'name:port', '[v6]:port', 'name'
    const name = host.startsWith('[') ? host.slice(1, host.indexOf(']')) : host.replace(/:\d+$/, '');
    if (!allowed.has(name))
      return c.json<ApiError>({ error: `this Pilji host does not answer to '${host}'`, code: 'forbidden', params: { host } }, 403);
    return next();
  };
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Cross-site request forgery: a cookie rides along with a form posted from any page, and
 * SameSite does not tell ports of one host apart. A request that changes anything must come
 * from this origin (Origin and Sec-Fetch-Site, when the browser sends them), and a body must be
 * JSON, which a form cannot send without a CORS preflight this host never grants. File uploads
 * (`uploads`, raw bytes) are held to the origin check alone.
 */
export function refuseCrossSite(uploads: RegExp): MiddlewareHandler {
  return async (c, next) => {
    if (SAFE_METHODS.has(c.req.method)) return next();
    const site = c.req.header('sec-fetch-site');
    const origin = c.req.header('origin');
    const own = new URL(c.req.url).origin;
    if ((site && site !== 'same-origin' && site !== 'none') || (origin !== undefined && origin !== own)) {
      return c.json<ApiError>(
        {
          error: `refused a ${c.req.method} from another site (${origin ?? site})`,
          code: 'forbidden',
          params: { origin: origin ?? site ?? '' },
        },
        403,
      );
    }
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    const hasBody = Number(c.req.header('content-length') ?? 0) > 0 || c.req.header('transfer-encoding') !== undefined;
    if (hasBody && type !== 'application/json' && !uploads.test(c.req.path)) {
      return c.json<ApiError>(
        { error: `expected a JSON body (content-type application/json), got '${type || 'none'}'`, code: 'bad_request' },
        415,
      );
    }
    return next();
  };
}
