import { vi } from 'vitest';

/**
 * How long a test waits for the state it expects before it fails. `npm test` runs the unit and
 * component tests beside the builds and the browser suite, at a lower priority (test/run.sh):
 * a render or a server's reply may take seconds there, where it takes milliseconds alone.
 */
export const WAIT_MS = 10_000;

/** Retries `check` until it passes (state, not a clock), for up to WAIT_MS. */
export const eventually = <T>(check: () => T | Promise<T>): Promise<T> =>
  vi.waitFor(check, { timeout: WAIT_MS, interval: 20 });
