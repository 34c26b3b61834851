/**
 * Times as each standard writes them. SCORM 1.2 has its own formats; SCORM 2004 and xAPI (cmi5)
 * both take ISO 8601 durations and moments, so those have one home here.
 */

const two = (n: number) => String(n).padStart(2, '0');

/** Milliseconds as a SCORM 1.2 CMITimespan, HHHH:MM:SS.SS. */
export function timespan(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.min(9999, Math.floor(hundredths / 360_000));
  const minutes = Math.floor(hundredths / 6000) % 60;
  const seconds = Math.floor(hundredths / 100) % 60;
  return `${String(hours).padStart(4, '0')}:${two(minutes)}:${two(seconds)}.${two(hundredths % 100)}`;
}

/** A moment (epoch ms) as a SCORM 1.2 CMITime, HH:MM:SS, in the learner's time of day. */
export function timeOfDay(ms: number): string {
  const date = new Date(ms);
  return `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
}

/**
 * Milliseconds as an ISO 8601 duration to the hundredth of a second, `PT1H2M3.45S`: a SCORM 2004
 * timeinterval and an xAPI duration alike.
 */
export function isoDuration(ms: number): string {
  const hundredths = Math.max(0, Math.round(ms / 10));
  const hours = Math.floor(hundredths / 360_000);
  const minutes = Math.floor(hundredths / 6000) % 60;
  const seconds = (hundredths % 6000) / 100;
  return `PT${hours ? `${hours}H` : ''}${minutes ? `${minutes}M` : ''}${Number(seconds.toFixed(2))}S`;
}

/**
 * A moment (epoch ms) in UTC to the hundredth of a second, `2026-01-05T09:00:01.25Z`. SCORM 2004
 * allows a zone only after a fraction of a second (so the fraction is always written), and an
 * xAPI timestamp takes the same text.
 */
export function isoMoment(ms: number): string {
  return `${new Date(ms).toISOString().slice(0, 22)}Z`;
}
