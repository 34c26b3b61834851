import { MAX_NAME } from './limits.ts';

/**
 * A display name made safe to carry and to show: Unicode-normalised, without control,
 * formatting or bidirectional-override characters, single-spaced, trimmed and cut to
 * MAX_NAME characters (never inside a character).
 */
export function cleanName(raw: string): string {
  return cleanText(raw, MAX_NAME);
}

/** Any short text a link carries (a name, a pack's title), cleaned as a name is and cut to `max` characters. */
export function cleanText(raw: string, max: number): string {
  const text = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(text).slice(0, max).join('').trim();
}
