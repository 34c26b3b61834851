/** The longest display name a link carries, in characters. */
export const NAME_MAX = 40;

/**
 * A display name made safe to carry and to show: Unicode-normalised, without control,
 * formatting or bidirectional-override characters, single-spaced, trimmed and cut to
 * NAME_MAX characters (never inside a character).
 */
export function cleanName(raw: string): string {
  const text = raw
    .normalize('NFC')
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cn}\u2028\u2029]/gu, '')
    .replace(/\s+/gu, ' ')
    .trim();
  return Array.from(text).slice(0, NAME_MAX).join('').trim();
}
