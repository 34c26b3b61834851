import { isIPv6 } from 'node:net';

/**
 * The room server's front door, as plain parts: which door a request knocks on, who is
 * knocking (an address, counted by its network), whether its page may knock at all (its
 * origin), and the budgets that keep guessing and flooding bounded. `server.ts` wires them to
 * the HTTP server and the engine; tests use them directly too.
 */

/** Every way into the room server. Anything else of the engine's is closed. */
export type Door =
  | { kind: 'health' }
  | { kind: 'lookup'; code: string }
  | { kind: 'create' }
  | { kind: 'join'; code: string }
  | { kind: 'reconnect'; code: string }
  /** The engine's matchmaking routes a workshop never uses (join, joinOrCreate, anything else). */
  | { kind: 'closed' }
  /** The app's own files (served by `npm start`), or nothing at all. */
  | { kind: 'app' };

/** Which door a plain HTTP request knocks on. Room codes are as typed: the caller normalizes them. */
export function doorOf(method: string | undefined, url: string | undefined): Door {
  const path = (url ?? '/').split('?')[0]!;
  if (path === '/rooms/health') return method === 'GET' ? { kind: 'health' } : { kind: 'closed' };
  const lookup = /^\/rooms\/([^/]{1,32})$/.exec(path);
  if (lookup) return method === 'GET' ? { kind: 'lookup', code: decodeURIComponent(lookup[1]!) } : { kind: 'closed' };
  if (path === '/rooms' || path.startsWith('/rooms/')) return { kind: 'closed' };
  if (path === '/__healthcheck') return { kind: 'closed' };
  if (path === '/matchmake' || path.startsWith('/matchmake/')) {
    const [, , method2, name] = path.split('/');
    if (method !== 'POST' && method !== 'OPTIONS') return { kind: 'closed' };
    if (method2 === 'create' && name === 'workshop') return { kind: 'create' };
    if (method2 === 'joinById' && name) return { kind: 'join', code: name };
    if (method2 === 'reconnect' && name) return { kind: 'reconnect', code: name };
    return { kind: 'closed' };
  }
  return { kind: 'app' };
}

/** A socket's way into a room: `/<process>/<room>?sessionId=…&reconnectionToken=…`, as the engine's client opens it. */
export function socketOf(url: string | undefined): { roomId: string; sessionId: string; token: string | null } | null {
  const parsed = new URL(url ?? '/', 'ws://room');
  const match = /^\/[\w-]{1,64}\/([\w-]{1,64})$/.exec(parsed.pathname);
  const sessionId = parsed.searchParams.get('sessionId');
  if (!match || !sessionId) return null;
  return { roomId: match[1]!, sessionId, token: parsed.searchParams.get('reconnectionToken') };
}

/**
 * Who is knocking, as the limits count it: an IPv4 address whole, an IPv6 address by its /64
 * network (one household or phone gets a whole /64, so counting single IPv6 addresses would
 * let one attacker be billions of people). `forwarded` is the X-Forwarded-For header, used only
 * when the server is told it sits behind that many proxies (`trustProxy`).
 */
export function addressKey(remote: string | undefined, forwarded?: string | string[], trustProxy = 0): string {
  let address = remote ?? '';
  if (trustProxy > 0 && forwarded) {
    const hops = (Array.isArray(forwarded) ? forwarded.join(',') : forwarded)
      .split(',')
      .map((hop) => hop.trim())
      .filter(Boolean);
    // The last proxies are ours; the hop before them is the client as the first of ours saw it.
    address = hops[Math.max(0, hops.length - trustProxy)] ?? address;
  }
  address = address.replace(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/i, '$1');
  if (!isIPv6(address)) return address || 'unknown';
  return `${expandIPv6(address).slice(0, 4).join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, as four-digit hex. */
function expandIPv6(address: string): string[] {
  const [head = '', tail] = address.split('%')[0]!.split('::') as [string, string | undefined];
  const part = (text: string) => (text ? text.split(':') : []);
  const left = part(head);
  const right = tail === undefined ? [] : part(tail);
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill('0');
  return [...left, ...zeros, ...right].map((group) => group.padStart(4, '0').toLowerCase());
}

/**
 * Budgets per key (an address, a code), refilled steadily over a minute, for at most `maxKeys`
 * keys: when a new key would pass that, the key used longest ago is forgotten (and starts
 * again with a full budget), never the whole table, so no number of addresses clears the
 * counts of the others.
 */
export class Budgets {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    readonly perMinute: number,
    readonly maxKeys = 10_000,
    readonly now: () => number = Date.now,
  ) {}

  /** What `key` has left now (without spending it). */
  left(key: string): number {
    return this.#bucket(key).tokens;
  }

  /** Spends one unit of `key`'s budget if there is one; false when it is spent. */
  take(key: string): boolean {
    const bucket = this.#bucket(key);
    if (bucket.tokens < 1) return false;
    bucket.tokens -= 1;
    return true;
  }

  get size(): number {
    return this.#buckets.size;
  }

  #bucket(key: string) {
    const now = this.now();
    let bucket = this.#buckets.get(key);
    if (bucket) {
      this.#buckets.delete(key);
      bucket.tokens = Math.min(this.perMinute, bucket.tokens + ((now - bucket.at) * this.perMinute) / 60_000);
      bucket.at = now;
    } else {
      bucket = { tokens: this.perMinute, at: now };
      if (this.#buckets.size >= this.maxKeys) this.#buckets.delete(this.#buckets.keys().next().value!);
    }
    // Map order is use order: the first key is the one used longest ago.
    this.#buckets.set(key, bucket);
    return bucket;
  }
}

/**
 * The room codes each address has found: it opened the room, or looked the code up and found
 * it. A class behind one school address that found its room keeps getting in however many
 * mistyped codes the same address sent; guessing other codes stays bounded. Bounded both ways.
 */
export class KnownCodes {
  readonly #codes = new Map<string, string[]>();

  constructor(
    readonly maxAddresses = 10_000,
    readonly perAddress = 8,
  ) {}

  has(address: string, code: string): boolean {
    return this.#codes.get(address)?.includes(code) ?? false;
  }

  add(address: string, code: string): void {
    const codes = (this.#codes.get(address) ?? []).filter((known) => known !== code);
    this.#codes.delete(address);
    if (this.#codes.size >= this.maxAddresses) this.#codes.delete(this.#codes.keys().next().value!);
    this.#codes.set(address, [...codes.slice(1 - this.perAddress), code]);
  }
}

export interface OriginOptions {
  /** The port this server listens on (its own pages come from it). */
  port: number;
  /** Other origins whose pages may use the rooms (`ALLOWED_ORIGINS`, the dev server's). */
  allowedOrigins?: readonly string[];
  /** Names and addresses this server answers to, besides the loopback ones. */
  hosts?: readonly string[];
}

export interface OriginPolicy {
  /**
   * Whether a request may use the rooms: none from a page of another origin, nor one that
   * reaches this server under a name that is not its own (a DNS-rebinding page names its own
   * host). A request with no Origin (a program, or a same-origin GET) is let in unless the
   * browser says it comes from another site.
   */
  allows(request: { origin?: string; host?: string; fetchSite?: string }): boolean;
  /** The origin to grant cross-origin reads, for an allowed origin that is not this server's. */
  corsOrigin(origin: string | undefined): string | undefined;
}

const LOOPBACK = ['localhost', '127.0.0.1', '[::1]'];

function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

export function originPolicy(options: OriginOptions): OriginPolicy {
  const allowed = new Set(options.allowedOrigins?.flatMap((origin) => originOf(origin) ?? []));
  const hosts = new Set([...LOOPBACK, ...(options.hosts ?? [])].map((host) => host.toLowerCase()));
  for (const origin of allowed) hosts.add(new URL(origin).hostname);
  /** Host header → this server under one of its own names (and its own port, or a proxy's default one). */
  const ownHost = (host: string | undefined): string | null => {
    if (!host) return null;
    try {
      const url = new URL(`http://${host}`);
      const portOk = url.port === '' || url.port === String(options.port);
      return hosts.has(url.hostname.toLowerCase()) && portOk ? url.host.toLowerCase() : null;
    } catch {
      return null;
    }
  };
  return {
    allows({ origin, host, fetchSite }) {
      if (origin === undefined) return fetchSite !== 'cross-site' && fetchSite !== 'same-site';
      const from = originOf(origin);
      if (!from) return false;
      if (allowed.has(from)) return true;
      const own = ownHost(host);
      return own !== null && new URL(from).host.toLowerCase() === own;
    },
    corsOrigin(origin) {
      const from = origin && originOf(origin);
      return from && allowed.has(from) ? from : undefined;
    },
  };
}
