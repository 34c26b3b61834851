import { describe, expect, it } from 'vitest';
import { LAUNCH_CONNECT_CEILING } from '../../src/lms/connectCeiling';
import { contentSecurityPolicy, inlineStartStyles, styleHash } from '../../src/build/contentSecurity';

const connectSrc = (policy: string) => policy.split('; ').find((part) => part.startsWith('connect-src'));

describe('the Content-Security-Policy', () => {
  it('lets the app connect to its own origin only, by default', () => {
    expect(connectSrc(contentSecurityPolicy())).toBe("connect-src 'self'");
  });

  it('adds a configured room server, over HTTPS and secure WebSockets, and nothing else', () => {
    expect(connectSrc(contentSecurityPolicy('https://rooms.example.org/'))).toBe(
      "connect-src 'self' https://rooms.example.org wss://rooms.example.org",
    );
    expect(connectSrc(contentSecurityPolicy('http://192.168.1.20:8080'))).toBe(
      "connect-src 'self' http://192.168.1.20:8080 ws://192.168.1.20:8080",
    );
    expect(contentSecurityPolicy('https://rooms.example.org')).toContain("script-src 'self';");
  });

  it("lets the app start its own workers (the file reader, the service worker) and no other's", () => {
    expect(contentSecurityPolicy().split('; ')).toContain("worker-src 'self'");
  });

  it('gives a cmi5 package the ceiling its launch narrows: https, and http on this machine only', () => {
    expect(connectSrc(contentSecurityPolicy(undefined, [], LAUNCH_CONNECT_CEILING))).toBe(
      "connect-src 'self' https: http://localhost:* http://127.0.0.1:*",
    );
  });
});

describe('the start screen styles inside the page', () => {
  const css = ':root{--bg:#fff}body{margin:0}';
  const bundle = { 'assets/index-a1.css': { type: 'asset', fileName: 'assets/index-a1.css', source: css } };
  const page = '<head><link rel="stylesheet" crossorigin href="./assets/index-a1.css"></head>';

  it('inlines each linked stylesheet, keeps its link disabled, and names its hash for the policy', () => {
    const { html, hashes } = inlineStartStyles(page, bundle as never);
    expect(html).toBe(
      `<head><style>${css}</style><link rel="stylesheet" crossorigin href="./assets/index-a1.css" disabled></head>`,
    );
    expect(hashes).toEqual([styleHash(css)]);
    expect(contentSecurityPolicy(undefined, hashes)).toContain(`style-src 'self' '${styleHash(css)}';`);
    // The hash is the browser's: SHA-256 of the style's text, in base64.
    expect(styleHash('a')).toBe('sha256-ypeBEsobvcr6wjGzmiPcTaeG7/gUfE5yuYB3ha/uSLs=');
  });

  it('refuses a stylesheet missing from the bundle, or one that would close the style element', () => {
    expect(() => inlineStartStyles(page, {} as never)).toThrow(/not in the bundle/);
    const closing = { 'assets/index-a1.css': { ...bundle['assets/index-a1.css'], source: 'a{content:"</style>"}' } };
    expect(() => inlineStartStyles(page, closing as never)).toThrow(/<\/style/);
  });
});
