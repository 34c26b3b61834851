/**
 * The one way screens write dates: "1 Dec 2026" (and the time, where it matters). The
 * formatters are made once, since making one costs far more than using it.
 */
const day = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dayUtc = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' });
const dayAndTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A day, such as "1 Dec 2026". */
export const formatDay = (date: Date | number) => day.format(date);
/** A day counted in UTC (share links carry the UTC day), such as "1 Dec 2026". */
export const formatUtcDay = (date: Date | number) => dayUtc.format(date);
/** A day and a time, such as "1 Dec 2026, 14:05". */
export const formatDayAndTime = (date: Date | number) => dayAndTime.format(date);
