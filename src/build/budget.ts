import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import type { Page } from 'playwright-core';

/**
 * Most gzip bytes the first screen may load (HTML, scripts, styles, icon). The start screen
 * renders from a small index of the companies; the questions and the rest follow after it.
 */
export const FIRST_SCREEN_BUDGET = 60 * 1024;

export interface FileSize {
  file: string;
  bytes: number;
  gzip: number;
  brotli: number;
}

/** The files the built index.html makes the browser load for the first screen (its styles are inline). */
export function firstScreenFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((match) => match[0]);
  // A disabled stylesheet is not fetched: the page holds its styles inline (contentSecurity.ts).
  const wanted = tags.filter(
    (tag) => /<script/.test(tag) || (/rel="(stylesheet|modulepreload|icon)"/.test(tag) && !/\sdisabled\b/.test(tag)),
  );
  const files = wanted.flatMap((tag) => /(?:src|href)="\.?\/?([^"]+)"/.exec(tag)?.[1] ?? []);
  return ['index.html', ...files];
}

/** Raw, gzip (level 9) and brotli (quality 11) sizes of files in `dist`. */
export function sizes(dist: string, files: string[]): FileSize[] {
  return files.map((file) => {
    const content = readFileSync(join(dist, file));
    return {
      file,
      bytes: content.length,
      gzip: gzipSync(content, { level: 9 }).length,
      brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
    };
  });
}

/**
 * Opens the app in a fresh page and counts every byte it fetches (gzip, level 9, as a server
 * would send it) until the start screen is usable: "Start playing" enabled.
 */
export async function bytesUntilStart(page: Page, url: string): Promise<{ files: FileSize[]; gzip: number }> {
  const bodies: Array<Promise<FileSize>> = [];
  let started = false;
  page.on('response', (response) => {
    if (started) return;
    bodies.push(
      response.body().then((content) => ({
        file: new URL(response.url()).pathname,
        bytes: content.length,
        gzip: gzipSync(content, { level: 9 }).length,
        brotli: brotliCompressSync(content, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
      })),
    );
  });
  await page.goto(url);
  await page.locator('button[type=submit]:enabled', { hasText: 'Start playing' }).waitFor();
  started = true;
  const files = await Promise.all(bodies);
  return { files, gzip: files.reduce((sum, file) => sum + file.gzip, 0) };
}
