import { createHash } from 'node:crypto';
import type { IndexHtmlTransformContext, Plugin } from 'vite';

type Bundle = NonNullable<IndexHtmlTransformContext['bundle']>;

/**
 * The policy the built app runs under: only its own origin, no eval, no inline script but the
 * language redirect (`scriptHashes`, see src/build/localePlugin.ts), and no inline style but
 * the start screen's own (`styleHashes`, see `inlineStartStyles`). Styles
 * set from script (Svelte's style: directives) go through the CSSOM, which `style-src 'self'`
 * allows. frame-ancestors cannot be set from a meta tag; the README lists the headers a host
 * should add. A build for a room server on another origin (VITE_ROOM_SERVER) may connect to
 * that origin, over HTTP(S) and WebSocket, and nowhere else. `connect` adds other sources a
 * build may connect to (a cmi5 package's ceiling, which it narrows at launch: src/lms/launchPolicy.ts).
 */
export function contentSecurityPolicy(
  roomServer?: string,
  styleHashes: readonly string[] = [],
  connect: readonly string[] = [],
  scriptHashes: readonly string[] = [],
): string {
  const room = roomServer ? new URL(roomServer) : undefined;
  const socket = room && `${room.protocol === 'https:' ? 'wss:' : 'ws:'}//${room.host}`;
  return [
    "default-src 'self'",
    ['script-src', "'self'", ...scriptHashes.map((hash) => `'${hash}'`)].join(' '),
    ['style-src', "'self'", ...styleHashes.map((hash) => `'${hash}'`)].join(' '),
    "img-src 'self' data: blob:",
    ['connect-src', "'self'", ...(room ? [room.origin, socket] : []), ...connect].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    // The room server's front page offers a code field that opens the phone's join screen here.
    "form-action 'self'",
  ].join('; ');
}

/** The CSP hash source of a style or script element's text. */
export const styleHash = (css: string) => `sha256-${createHash('sha256').update(css).digest('base64')}`;

/** The hashes of a page's inline scripts (those without a src). */
export const inlineScriptHashes = (html: string) =>
  [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)].map((match) => styleHash(match[1]!));

/**
 * Puts the page's own stylesheets into index.html, so the first paint waits for the page alone
 * and not for a second round trip. Each link stays, disabled (a disabled stylesheet is not
 * fetched): Vite's loader of a lazy chunk that lists the same file finds it there and does
 * not add it again. Resolves with the page and the hashes its policy must allow.
 */
export function inlineStartStyles(html: string, bundle: Bundle): { html: string; hashes: string[] } {
  const hashes: string[] = [];
  const page = html.replace(/<link rel="stylesheet" crossorigin href="\.\/([^"]+\.css)">/g, (link, file: string) => {
    const asset = bundle[file];
    if (asset?.type !== 'asset') throw new Error(`index.html links ${file}, which is not in the bundle`);
    const css = String(asset.source);
    if (/<\/style/i.test(css)) throw new Error(`${file} holds "</style", which would end the inline style early`);
    hashes.push(styleHash(css));
    return `<style>${css}</style><link rel="stylesheet" crossorigin href="./${file}" disabled>`;
  });
  return { html: page, hashes };
}

/**
 * Adds the policy to the built index.html, after inlining its styles (the dev server injects
 * styles, so not there).
 */
export function contentSecurityPlugin(roomServer?: string, connect: readonly string[] = []): Plugin {
  return {
    name: 'role-call:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      // Once Vite has linked the page's stylesheets, which this inlines.
      order: 'post',
      handler(html, { bundle }) {
        if (!bundle) throw new Error('index.html is transformed before the bundle is written');
        const inlined = inlineStartStyles(html, bundle);
        return {
          html: inlined.html,
          tags: [
            {
              tag: 'meta',
              attrs: {
                'http-equiv': 'Content-Security-Policy',
                content: contentSecurityPolicy(roomServer, inlined.hashes, connect, inlineScriptHashes(inlined.html)),
              },
              injectTo: 'head-prepend',
            },
          ],
        };
      },
    },
  };
}
