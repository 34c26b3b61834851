import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cacheVersion, filesIn, workerScript, type BuiltFile } from '../../src/build/serviceWorker';
import { otherBuilds } from '../../src/build/messages';

const deploy: BuiltFile[] = [
  { name: 'index.html', bytes: '<!doctype html><script type="module" src="./assets/index-a1.js"></script>' },
  { name: 'assets/index-a1.js', bytes: 'console.log("one")' },
  { name: 'favicon.svg', bytes: new TextEncoder().encode('<svg/>') },
];
const changed = (name: string, bytes: string) => deploy.map((file) => (file.name === name ? { ...file, bytes } : file));

describe('the service worker cache version', () => {
  it('stays the same for the same content, in any order and as text or bytes', () => {
    const version = cacheVersion(deploy);
    expect(version).toMatch(/^[0-9a-f]{16}$/);
    expect(cacheVersion([...deploy].reverse())).toBe(version);
    expect(cacheVersion(changed('favicon.svg', '<svg/>'))).toBe(version);
  });

  it('changes when any file changes under the same name: index.html, a bundle, a public file', () => {
    const versions = [
      cacheVersion(deploy),
      cacheVersion(changed('index.html', '<!doctype html><title>corrupted upload')),
      cacheVersion(changed('assets/index-a1.js', 'console.log("two")')),
      cacheVersion(changed('favicon.svg', '<svg></svg>')),
      cacheVersion(deploy.map((file) => ({ ...file, name: file.name.replace('favicon', 'icon') }))),
    ];
    expect(new Set(versions).size).toBe(versions.length);
  });

  it('gives a worker script that names every file and its version', () => {
    const script = workerScript(deploy);
    expect(script).toContain(
      JSON.stringify(['./', './assets/index-a1.js', './favicon.svg', './index.html']) +
        `, ${JSON.stringify(cacheVersion(deploy))}, []);`,
    );
    expect(workerScript(changed('index.html', 'x'))).not.toBe(script);
  });

  it('is, in the built dist/sw.js, the version of the files dist holds', () => {
    // The other languages' builds, in folders of their own, have workers of their own.
    const others = otherBuilds('en');
    const files = filesIn('dist').filter(
      (file) => file.name !== 'sw.js' && !others.some((folder) => file.name.startsWith(folder)),
    );
    expect(files.map((file) => file.name)).toEqual(
      expect.arrayContaining(['index.html', 'favicon.svg', expect.stringMatching(/^assets\/index-.*\.js$/)]),
    );
    const sw = readFileSync('dist/sw.js', 'utf8');
    const precache = ['./', ...files.map((file) => `./${file.name}`)].sort();
    expect(
      sw.endsWith(`)(${JSON.stringify(precache)}, ${JSON.stringify(cacheVersion(files))}, ${JSON.stringify(others)});\n`),
    ).toBe(true);
  });
});
