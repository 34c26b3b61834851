import type { Plugin } from 'vite';

/**
 * The policy the built app runs under: only its own origin, no inline script, no eval.
 * Styles set from script (Svelte's style: directives) go through the CSSOM, which
 * `style-src 'self'` allows. frame-ancestors cannot be set from a meta tag; the README lists
 * the headers a host should add. A build for a room server on another origin
 * (VITE_ROOM_SERVER) may connect to that origin, over HTTP(S) and WebSocket, and nowhere else.
 */
export function contentSecurityPolicy(roomServer?: string): string {
  const room = roomServer ? new URL(roomServer) : undefined;
  const socket = room && `${room.protocol === 'https:' ? 'wss:' : 'ws:'}//${room.host}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    ['connect-src', "'self'", ...(room ? [room.origin, socket] : [])].join(' '),
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Adds the policy to the built index.html (the dev server injects styles, so not there). */
export function contentSecurityPlugin(roomServer?: string): Plugin {
  return {
    name: 'role-call:content-security-policy',
    apply: 'build',
    transformIndexHtml: () => [
      {
        tag: 'meta',
        attrs: { 'http-equiv': 'Content-Security-Policy', content: contentSecurityPolicy(roomServer) },
        injectTo: 'head-prepend',
      },
    ],
  };
}
