/**
 * How many cases a property test tries: sized for `npm test` (CI), or the full count under
 * FUZZ=full (`npm run test:fuzz`), run before a release or after touching what they cover.
 * Seeds stay fixed either way, so a failure replays.
 */
export function fuzzRuns(ci: number, full: number): number {
  return process.env.FUZZ === 'full' ? full : ci;
}
