import { launchOf, launchOrigins } from './cmi5';

/**
 * Where a cmi5 package may connect. Its record store is only known at launch (the `endpoint`
 * parameter, and the `fetch` address of its token), yet the package is static files whose
 * Content-Security-Policy is written when it is built. So the policy comes in two parts, and a
 * browser enforces both:
 *
 * - the built page's policy lets `connect-src` reach its own origin and any https origin (and
 *   http on this machine, for a record store under test), as the ceiling (`connectCeiling.ts`);
 * - before anything connects, the app reads the launch and adds a second policy that lets it
 *   reach its own origin and the launch's record store and token address, and nothing else.
 *
 * A connection must pass both, so from then on it reaches the launch's record store alone.
 * The second policy can only narrow the first: a page's later policies never widen it.
 */

/** The policy a cmi5 launch adds: its own origin and the launch's, or its own alone for a launch it cannot read. */
export function launchConnectPolicy(search: string): string {
  const launch = launchOf(search);
  return ["connect-src 'self'", ...(launch?.ok ? launchOrigins(launch.value) : [])].join(' ');
}

/** Adds the launch's policy to the page; called before the app makes any connection. */
export function narrowConnections(document: Document, search: string): void {
  const meta = document.createElement('meta');
  meta.httpEquiv = 'Content-Security-Policy';
  meta.content = launchConnectPolicy(search);
  document.head.append(meta);
}
