import { m } from '../i18n/paraglide/messages.js';

/**
 * A small XML scanner for the parts of a workbook, which a Web Worker reads (a worker has no
 * DOMParser). It walks the text once, calling back for each element opened and closed and each
 * run of text, so its reader can stop at the first cell past a limit instead of building a
 * document first. It reads what Excel, LibreOffice and Numbers write: elements, attributes,
 * text, entities, CDATA, comments and the XML declaration. A DTD is refused: a workbook has
 * none, and its entities could expand without end.
 */

/** Why a part cannot be read, in words a trainer can act on. */
export class Unreadable extends Error {}

export interface XmlHandler {
  /** An element opened, by its local name (any namespace prefix taken off), with its attributes' raw text. */
  open?(name: string, attributes: string): void;
  close?(name: string): void;
  /** Text between tags, entities decoded. */
  text?(text: string): void;
}

const TAG = /<(\/?)(?:[A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>/y;
const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entities (`&amp;`, `&#233;`, `&#xE9;`) decoded and line ends as XML reads them. */
export function decode(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (entity, name: string) => {
    if (name[0] !== '#') return ENTITIES[name] ?? entity;
    const code = name[1] === 'x' ? parseInt(name.slice(2), 16) : Number(name.slice(1));
    return code <= 0x10ffff ? String.fromCodePoint(code) : entity;
  });
}

/** The value of an attribute by its local name, whatever prefix it has (not a namespace declaration). */
export function attribute(attributes: string, name: string): string | undefined {
  const match = new RegExp(`(?:^|\\s)(?!xmlns:)(?:[\\w.-]+:)?${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`).exec(attributes);
  return match ? decode(match[1] ?? match[2] ?? '') : undefined;
}

/** Walks a part's text, calling the handler for each element and run of text. Throws Unreadable. */
export function scanXml(xml: string, handler: XmlHandler): void {
  let at = 0;
  const skipPast = (end: string, from: number) => {
    const found = xml.indexOf(end, from);
    if (found < 0) throw new Unreadable(m.packs_book_not_xml());
    return found + end.length;
  };
  while (at < xml.length) {
    const lt = xml.indexOf('<', at);
    const end = lt < 0 ? xml.length : lt;
    if (end > at && handler.text) handler.text(decode(xml.slice(at, end)));
    if (lt < 0) return;
    if (xml.startsWith('<!--', lt)) at = skipPast('-->', lt + 4);
    else if (xml.startsWith('<![CDATA[', lt)) {
      at = skipPast(']]>', lt + 9);
      handler.text?.(xml.slice(lt + 9, at - 3));
    } else if (xml.startsWith('<?', lt)) at = skipPast('?>', lt + 2);
    else if (xml.startsWith('<!', lt)) throw new Unreadable(m.packs_book_doctype());
    else {
      TAG.lastIndex = lt;
      const tag = TAG.exec(xml);
      if (!tag) throw new Unreadable(m.packs_book_not_xml());
      const [whole, closing, name, attributes, empty] = tag as unknown as [string, string, string, string, string];
      if (closing) handler.close?.(name!);
      else {
        handler.open?.(name!, attributes!);
        if (empty) handler.close?.(name!);
      }
      at = lt + whole.length;
    }
  }
}
