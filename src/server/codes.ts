import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Presence } from '@colyseus/core';

/**
 * Who owns each room code: a hash of the secret of the host that opened it. It outlives the
 * process, so that after a restart the room's code goes back to its own host alone: a
 * stranger who asks for that code first is refused, and fresh codes never take one that is
 * owned. One process keeps the book in a file; processes sharing Redis keep it there.
 */
export interface CodeBook {
  /** The hash of the owner's secret, or null for a code nobody owns. */
  owner(code: string): Promise<string | null>;
  /** Gives `code` to the owner of `hash` for `ms` from now (again, to keep it). */
  keep(code: string, hash: string, ms: number): Promise<void>;
}

/** How long a code stays its host's after the room was last in use: a workshop day and a night. */
export const KEEP_CODE_MS = 24 * 60 * 60 * 1000;
/** Most codes a file keeps; past it the one that expires first goes. */
const MAX_CODES = 50_000;

/** The hash a code book keeps of a host's secret. */
export function secretHash(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}

/**
 * A code book in a JSON file, for one process. Read once at start; every change is written
 * whole (a temporary file renamed over the old one, so a crash never leaves half a file). A
 * file that cannot be read starts an empty book: the rooms' hosts then open new codes.
 */
export async function fileCodeBook(path: string, now: () => number = Date.now): Promise<CodeBook> {
  const codes = new Map<string, { hash: string; until: number }>();
  try {
    const saved: unknown = JSON.parse(await readFile(path, 'utf8'));
    if (saved && typeof saved === 'object')
      for (const [code, entry] of Object.entries(saved))
        if (Array.isArray(entry) && typeof entry[0] === 'string' && typeof entry[1] === 'number')
          codes.set(code, { hash: entry[0], until: entry[1] });
  } catch {
    // No book yet, or one that does not read: start a new one.
  }
  let writing = Promise.resolve();
  const save = () => {
    const text = JSON.stringify(Object.fromEntries([...codes].map(([code, { hash, until }]) => [code, [hash, until]])));
    writing = writing
      .then(async () => {
        await mkdir(dirname(path), { recursive: true });
        await writeFile(`${path}.tmp`, text, { mode: 0o600 });
        await rename(`${path}.tmp`, path);
      })
      .catch((error: unknown) => console.error(`Role Call could not keep room codes in ${path}:`, error));
    return writing;
  };
  return {
    async owner(code) {
      const entry = codes.get(code);
      return entry && entry.until > now() ? entry.hash : null;
    },
    async keep(code, hash, ms) {
      const at = now();
      for (const [old, entry] of codes) if (entry.until <= at) codes.delete(old);
      codes.set(code, { hash, until: at + ms });
      if (codes.size > MAX_CODES) {
        const first = [...codes].sort((a, b) => a[1].until - b[1].until)[0]!;
        codes.delete(first[0]);
      }
      await save();
    },
  };
}

/** A code book in the engine's presence (Redis, for processes that share rooms): each code a key that expires. */
export function presenceCodeBook(presence: Presence): CodeBook {
  const key = (code: string) => `role-call:code:${code}`;
  return {
    async owner(code) {
      const hash: unknown = await presence.get(key(code));
      return typeof hash === 'string' ? hash : null;
    },
    async keep(code, hash, ms) {
      await presence.setex(key(code), hash, Math.ceil(ms / 1000));
    },
  };
}
