/** The longest display name a link carries, in characters. */
export const NAME_MAX = 40;

/**
 * A display name made safe to carry and to show: Unicode-normalised, without control,
 * formatting or bidirectional-override characters, single-spaced, trimmed and cut to
 * NAME_MAX characters (never inside a character).
 */
export function cleanName(raw: string): string {
  return cleanText(raw, NAME_MAX);
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
