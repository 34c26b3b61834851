import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';

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

/** The files the built index.html makes the browser load for the first screen. */
export function firstScreenFiles(dist: string): string[] {
  const html = readFileSync(join(dist, 'index.html'), 'utf8');
  const tags = [...html.matchAll(/<(?:script|link)\b[^>]*>/g)].map((match) => match[0]);
  const wanted = tags.filter((tag) => /<script/.test(tag) || /rel="(stylesheet|modulepreload|icon)"/.test(tag));
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
