/**
 * The sources a cmi5 package's built policy allows connections to, beside its own origin: the
 * ceiling that the launch's own policy narrows (`launchPolicy.ts`). It sits apart so that
 * vite.config.ts, which writes the built policy, loads it without the launch's code and the
 * learner's messages that code uses (compiled only after the config has loaded).
 */
export const LAUNCH_CONNECT_CEILING: readonly string[] = ['https:', 'http://localhost:*', 'http://127.0.0.1:*'];
