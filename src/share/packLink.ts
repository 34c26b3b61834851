import { type Pack } from '../core/schema';
import { MAX_TEXT } from '../core/questionText';
import { fail, ok, type Result } from '../core/result';
import { formatNumber } from '../platform/ui/format';
import { m } from '../i18n/paraglide/messages.js';

import { fromBase64Url, toBase64Url } from './bits';

/**
 * A trainer pack in a link: `<page>#pack=<base64url of the pack's JSON, deflated (raw)>`. Like a
 * result link, it sits after `#`, so the pack never reaches a server. The browser's own
 * CompressionStream deflates it, so the link costs no library.
 *
 * What a link brings is untrusted: it is read with caps (its length, and what it inflates to,
 * which stops at MAX_TEXT however small the link, so a zip bomb costs nothing), and the caller
 * checks the data as a pack (`checkPack`) before taking it in.
 */

export const PACK_PREFIX = 'pack=';

/**
 * The longest pack link made, in characters. Chat apps and mail cut or refuse longer links,
 * and a QR code holds at most about 4,000 characters; past this the Packs page offers the
 * pack as a file instead. The template pack's link is under 2,000 characters.
 */
export const MAX_PACK_LINK = 16_000;

/** Why a pack link cannot be read, in one sentence each. */
export const PACK_LINK_ERRORS = {
  empty: m.share_pack_link_empty(),
  notALink: m.share_pack_link_not_a_link(),
  notBase64: m.share_pack_link_not_base64(),
  cutShort: m.share_pack_link_cut_short(),
  tooLong: m.share_pack_link_too_long({ max: formatNumber(MAX_PACK_LINK) }),
  tooLarge: m.share_pack_link_too_large({ size: formatNumber(MAX_TEXT / 1024) }),
  notJson: m.share_pack_link_not_json(),
};

/** Reads a stream to its end, as one run of bytes; stops (with undefined) past `max` bytes. */
async function readAll(stream: ReadableStream<Uint8Array>, max = Infinity): Promise<Uint8Array | undefined> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let length = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    length += value.length;
    if (length > max) {
      // Cancelling stops the inflating: what lies past the cap is never made.
      await reader.cancel().catch(() => undefined);
      return undefined;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** Bytes through a (de)compression stream; the stream is read while it is written, as it must be. */
async function transform(
  bytes: Uint8Array,
  stream: CompressionStream | DecompressionStream,
  max?: number,
): Promise<Uint8Array | undefined> {
  const writer = stream.writable.getWriter();
  // A bad stream rejects the writes too; the read below reports it, once.
  const written = writer
    .write(bytes as Uint8Array<ArrayBuffer>)
    .then(() => writer.close())
    .catch(() => undefined);
  const output = await readAll(stream.readable, max);
  if (output) await written;
  return output;
}

/**
 * A link to a pack: `base` (the page's address; any fragment it has is dropped) then
 * `#pack=…`. Null when the link would be longer than MAX_PACK_LINK: share the file instead.
 */
export async function packLink(pack: Pack, base: string): Promise<string | null> {
  const json = new TextEncoder().encode(JSON.stringify(pack));
  if (json.length > MAX_TEXT) return null;
  const deflated = await transform(json, new CompressionStream('deflate-raw'));
  const link = `${base.split('#')[0]}#${PACK_PREFIX}${toBase64Url(deflated!)}`;
  return link.length > MAX_PACK_LINK ? null : link;
}

/**
 * The data in a pack link's fragment (with or without `#`), for `checkPack` to check: never
 * a pack yet. Never throws: a link that cannot be read gives a sentence saying why.
 */
export async function readPackLink(fragment: string): Promise<Result<unknown, string>> {
  if (fragment.length > MAX_PACK_LINK) return fail(PACK_LINK_ERRORS.tooLong);
  let text = fragment.startsWith('#') ? fragment.slice(1) : fragment;
  // Chat apps may percent-encode the `=`; base64url itself needs no escaping.
  text = text.replace(/^pack%3D/i, PACK_PREFIX);
  if (text === '' || text === PACK_PREFIX) return fail(PACK_LINK_ERRORS.empty);
  if (!text.startsWith(PACK_PREFIX)) return fail(PACK_LINK_ERRORS.notALink);
  const encoded = text.slice(PACK_PREFIX.length);
  if (!/^[A-Za-z0-9_-]+$/.test(encoded)) return fail(PACK_LINK_ERRORS.notBase64);
  const bytes = fromBase64Url(encoded);
  if (!bytes) return fail(PACK_LINK_ERRORS.cutShort);
  let inflated: Uint8Array | undefined;
  try {
    inflated = await transform(bytes, new DecompressionStream('deflate-raw'), MAX_TEXT);
  } catch {
    // Raw deflate has no length or check of its own: a stream that ends early or is changed fails here.
    return fail(PACK_LINK_ERRORS.cutShort);
  }
  if (!inflated) return fail(PACK_LINK_ERRORS.tooLarge);
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return fail(PACK_LINK_ERRORS.notJson);
  }
  try {
    return ok(JSON.parse(json) as unknown);
  } catch {
    return fail(PACK_LINK_ERRORS.notJson);
  }
}
