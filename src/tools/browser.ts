import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { preview, type PreviewServer } from 'vite';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** The Chromium to drive: $CHROME_PATH, else the first system browser found. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROME_PATH;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  return CANDIDATES.find((path) => existsSync(path));
}

export const chromePath = findChromium();

/** Why Chromium cannot be driven here, or undefined when it can. */
export const missingBrowser = chromePath
  ? undefined
  : `No Chromium found (looked at ${process.env.CHROME_PATH ?? CANDIDATES.join(', ')}). Install it (apt-get install chromium) or set CHROME_PATH.`;

/** Launches the system Chromium headless, with a fresh profile and no background traffic. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

/** Serves the built app (`dist/`) on a free loopback port. */
export async function serveBuiltApp(): Promise<{ url: string; close: () => Promise<void> }> {
  const server: PreviewServer = await preview({
    logLevel: 'error',
    preview: { port: 0, host: '127.0.0.1', open: false },
  });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('vite preview did not report a URL');
  return { url, close: () => server.close() };
}
