/**
 * What a function returns when it can fail on bad input instead of throwing: the value, or
 * an error a person can read (or a typed error, where callers tell kinds apart).
 */
export type Result<T, E = string> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const fail = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** A thrown value as a short phrase for a notice. */
export function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message || error.name : String(error);
  return text.length > 200 ? `${text.slice(0, 199)}…` : text;
}
