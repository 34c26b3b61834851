import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../src/tools/contentSecurity';

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
});
