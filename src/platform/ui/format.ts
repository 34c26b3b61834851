/**
 * The one way screens write dates: "1 Dec 2026" (and the time, where it matters). Each
 * formatter is made once, on first use, since making one costs far more than using it (and
 * the start screen shows no date until there is a past game or a review deck).
 */
const once = (options: Intl.DateTimeFormatOptions) => {
  let format: Intl.DateTimeFormat | undefined;
  return (date: Date | number) => (format ??= new Intl.DateTimeFormat(undefined, options)).format(date);
};

/** A day, such as "1 Dec 2026". */
export const formatDay = once({ dateStyle: 'medium' });
/** A day counted in UTC (share links carry the UTC day), such as "1 Dec 2026". */
export const formatUtcDay = once({ dateStyle: 'medium', timeZone: 'UTC' });
/** A day and a time, such as "1 Dec 2026, 14:05". */
export const formatDayAndTime = once({ dateStyle: 'medium', timeStyle: 'short' });
