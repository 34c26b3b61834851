import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from 'playwright-core';
import { build, preview, type PreviewServer } from 'vite';
import { writeBankCopies } from './bankCopies.ts';

/**
 * Chromium's old headless shell (Debian's chromium-headless-shell) is what Playwright itself
 * runs headless: the same Blink without the browser around it, a third the CPU to start and
 * less to run. The tests take it first; the bench takes the full browser first, as a learner's.
 */
const SHELL = ['/usr/bin/chromium-headless-shell'];
const FULL = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** Which Chromium to prefer when more than one is installed. */
export type Flavour = 'shell' | 'full';

/** The Chromium to drive: $CHROME_PATH, else the first system browser found, of the flavour preferred first. */
export function findChromium(prefer: Flavour = 'shell'): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return (prefer === 'shell' ? [...SHELL, ...FULL] : [...FULL, ...SHELL]).find((path) => existsSync(path));
}

/** Why Chromium cannot be driven here, or undefined when it can. */
export const missingBrowser = findChromium()
  ? undefined
  : `No Chromium found (looked at ${process.env.CHROME_PATH ?? [...SHELL, ...FULL].join(', ')}). Install it (apt-get install chromium-headless-shell, or chromium) or set CHROME_PATH.`;

/**
 * Chromium's own omnibox popup, a web page of its own kept drawing in the background, costs a
 * fifth of a core for as long as the browser runs, headless or not: switched off. Chromium
 * keeps only the last --disable-features, so the list repeats Playwright's own (1.65) first.
 */
const DISABLED_FEATURES = [
  ...['AvoidUnnecessaryBeforeUnloadCheckSync', 'DestroyProfileOnBrowserClose', 'HttpsUpgrades'],
  ...['HttpsFirstBalancedModeAutoEnable', 'LensOverlay', 'MediaRouter', 'PaintHolding'],
  ...['ThirdPartyStoragePartitioning', 'AvoidCorsURLLoaderRestartOnRedirect', 'OptimizationHints'],
  ...['NetworkTimeServiceQuerying', 'AimEnabled', 'PreconnectToSearch'],
  ...['WebUIOmniboxPopup', 'WebUIOmniboxAimPopup', 'WebUIOmniboxFullPopup'],
];

/**
 * Launches the system Chromium headless, with a fresh profile and no background traffic or
 * idle drawing, in English whatever the machine's language (the app opens in the browser's).
 */
export function launchBrowser(prefer: Flavour = 'shell'): Promise<Browser> {
  return chromium.launch({
    executablePath: findChromium(prefer),
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--lang=en-US',
      `--disable-features=${DISABLED_FEATURES.join(',')}`,
    ],
  });
}

/**
 * Serves the built app (`dist/`, or another build's folder) on a free loopback port, as
 * `vite preview` does (compressed, with the page for a folder), without loading the project's
 * config and its plugins, which would take a test file two seconds to start.
 */
export async function serveBuiltApp(outDir = 'dist'): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    configFile: false,
    root: fileURLToPath(new URL('../..', import.meta.url)),
    logLevel: 'error',
    build: { outDir },
    preview: { port: 0, host: '127.0.0.1', open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}

/**
 * Builds the app with its question bank copied `times` over (see bankCopies.ts) into a folder
 * of its own, for measuring how the app fares as the bank grows. Resolves with that folder.
 */
export async function buildWithBankCopies(times: number, dir: string): Promise<string> {
  const questions = writeBankCopies('questions', `${dir}/questions`, times);
  return buildApp(`${dir}/dist`, { ROLE_CALL_QUESTIONS: questions });
}

/**
 * Builds the app into a folder, as `vite build` does (also from a test runner, which sets
 * NODE_ENV=test), with extra environment and, given a `tag`, every file named with it: another
 * deploy, none of whose file names the first one had. Resolves with that folder.
 */
export async function buildApp(outDir: string, env: Record<string, string> = {}, tag?: string): Promise<string> {
  const saved = { ...process.env };
  Object.assign(process.env, env, { NODE_ENV: 'production' });
  const named = tag && `assets/[name]-${tag}-[hash]`;
  const output = named && {
    entryFileNames: `${named}.js`,
    chunkFileNames: `${named}.js`,
    assetFileNames: `${named}[extname]`,
  };
  try {
    await build({
      configFile: 'vite.config.ts',
      logLevel: 'error',
      build: { outDir, emptyOutDir: true, ...(output && { rollupOptions: { output } }) },
    });
  } finally {
    process.env = saved;
  }
  return outDir;
}
