import { readFileSync } from 'node:fs';
import { deflateRawSync } from 'node:zlib';
import bankSources from 'virtual:question-sources';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT } from '../../src/core/questionText';
import { checkPack } from '../../src/core/pack';
import { readPackText } from '../../src/packs/packFiles';
import { toBase64Url } from '../../src/share/bits';
import { MAX_PACK_LINK, PACK_LINK_ERRORS, packLink, readPackLink } from '../../src/share/packLink';

const BASE = 'https://example.org/role-call/';
const read = readPackText(readFileSync('public/packs/template.yaml', 'utf8'));
if (!read.ok) throw new Error(read.error[0]!.message);
const template = read.value;

/** A fragment holding these bytes deflated, as a pack link holds a pack. */
const deflated = (bytes: Uint8Array | string) => `#pack=${toBase64Url(deflateRawSync(bytes))}`;

describe('a pack link', () => {
  it('carries the template pack whole, in a link short enough for any chat app', async () => {
    const link = await packLink(template, BASE);
    expect(link).toMatch(/^https:\/\/example\.org\/role-call\/#pack=[A-Za-z0-9_-]+$/);
    expect(link!.length).toBeLessThan(2000);
    const data = await readPackLink(new URL(link!).hash);
    expect(data).toEqual({ ok: true, value: template });
    expect(checkPack({ data: data.ok && data.value }, bankSources)).toEqual({ ok: true, value: template });
  });

  it('drops the fragment of the page it is made on, and reads with or without #, its = percent-encoded', async () => {
    const link = (await packLink(template, `${BASE}#packs`))!;
    expect(link.startsWith(`${BASE}#pack=`)).toBe(true);
    const fragment = link.slice(link.indexOf('#') + 1);
    expect(await readPackLink(fragment)).toEqual({ ok: true, value: template });
    expect(await readPackLink(`#${fragment.replace('=', '%3D')}`)).toEqual({ ok: true, value: template });
  });

  it('is not made when it would be longer than MAX_PACK_LINK: the pack goes as a file', async () => {
    // Text that does not compress, as a long pack of varied writing barely does.
    let seed = 1;
    const noise = Array.from({ length: 25_000 }, () => {
      seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0;
      return 'abcdefghijklmnopqrstuvwxyz '[(seed >>> 24) % 27];
    }).join('');
    const big = { ...template, pack: { ...template.pack, about: noise } };
    expect(await packLink(big, BASE)).toBeNull();
    expect(MAX_PACK_LINK).toBe(16_000);
  });

  it.each([
    ['an empty link', '', PACK_LINK_ERRORS.empty],
    ['a link with no pack', '#pack=', PACK_LINK_ERRORS.empty],
    ['the Packs page', '#packs', PACK_LINK_ERRORS.notALink],
    ['a result link', '#r=IhI0VngAAABjUBQADA0FuYQAAAUdXm9-0AAE0AD-nA', PACK_LINK_ERRORS.notALink],
    ['text that is not base64url', '#pack=not base64!', PACK_LINK_ERRORS.notBase64],
    ['an impossible length', '#pack=A', PACK_LINK_ERRORS.cutShort],
    ['bytes that are not deflate', '#pack=____', PACK_LINK_ERRORS.cutShort],
    ['a fragment past MAX_PACK_LINK', `#pack=${'A'.repeat(MAX_PACK_LINK)}`, PACK_LINK_ERRORS.tooLong],
    ['JSON cut short', deflated('{"pack": {"id": "x"'), PACK_LINK_ERRORS.notJson],
    ['bytes that are not UTF-8', deflated(Uint8Array.of(0x7b, 0xff, 0x7d)), PACK_LINK_ERRORS.notJson],
  ])('refuses %s in one sentence', async (_, fragment, message) => {
    expect(await readPackLink(fragment)).toEqual({ ok: false, error: message });
    expect(message).toMatch(/^[A-Z].*\.$/);
  });

  it('refuses a link cut short', async () => {
    const link = (await packLink(template, BASE))!;
    for (const cut of [10, 100, 400])
      expect(await readPackLink(link.slice(link.indexOf('#'), -cut))).toEqual({
        ok: false,
        error: PACK_LINK_ERRORS.cutShort,
      });
  });

  it('stops inflating at MAX_TEXT: one byte past it is refused, and so is a bomb', async () => {
    const json = JSON.stringify(template);
    const atCap = json + ' '.repeat(MAX_TEXT - json.length);
    expect(await readPackLink(deflated(atCap))).toEqual({ ok: true, value: template });
    expect(await readPackLink(deflated(`${atCap} `))).toEqual({ ok: false, error: PACK_LINK_ERRORS.tooLarge });
    // 10 MB of spaces deflate to a 13,000-character link: it must not be inflated whole.
    const bomb = deflated(new Uint8Array(10 * 1024 * 1024).fill(0x20));
    expect(bomb.length).toBeLessThan(MAX_PACK_LINK);
    expect(await readPackLink(bomb)).toEqual({ ok: false, error: PACK_LINK_ERRORS.tooLarge });
  });
});
