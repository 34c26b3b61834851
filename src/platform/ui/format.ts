import { language } from '../language';

/**
 * The one way screens write dates, numbers and lists, in the interface's language: "1 Dec 2026"
 * or "1. Dez. 2026", "1,234" or "1.234", "54%" or "54 %". Each formatter is made once, on first
 * use, since making one costs far more than using it (and the start screen shows no date until
 * there is a past game or a review deck).
 */
const once = <Format extends { format(value: never): string }>(make: () => Format) => {
  let format: Format | undefined;
  return (value: Parameters<Format['format']>[0]) => (format ??= make()).format(value);
};

/** A day, such as "1 Dec 2026". */
export const formatDay = once(() => new Intl.DateTimeFormat(language(), { dateStyle: 'medium' }));
/** A day counted in UTC (share links carry the UTC day), such as "1 Dec 2026". */
export const formatUtcDay = once(() => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeZone: 'UTC' }));
/** A day and a time, such as "1 Dec 2026, 14:05". */
export const formatDayAndTime = once(
  () => new Intl.DateTimeFormat(language(), { dateStyle: 'medium', timeStyle: 'short' }),
);
/** A whole number, grouped: "1,234" (English), "1.234" (German). */
export const formatNumber = once(() => new Intl.NumberFormat(language()));
/** A share of 1 as a percentage: 0.54 is "54%" (English), "54 %" (German, French). */
export const formatPercent = once(() => new Intl.NumberFormat(language(), { style: 'percent' }));
/** A number with two decimals: 0.5 is "0.50" (English), "0,50" (German). */
export const formatDecimal = once(
  () => new Intl.NumberFormat(language(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }),
);
/**
 * Items joined as a sentence says them: "Red, Blue and Green" (English), "Red, Blue y Green"
 * (Spanish). Our English is British, without the serial comma that plain `en` puts before "and".
 */
export const formatList = once(
  () => new Intl.ListFormat(language() === 'en' ? 'en-GB' : language(), { style: 'long', type: 'conjunction' }),
);
