/** Writing and reading whole numbers as runs of bits, and bytes as URL-safe base64. */

export class BitWriter {
  #bits: number[] = [];

  /** Writes `value` in `width` bits, most significant first. */
  write(value: number, width: number): this {
    if (!Number.isInteger(value) || value < 0 || value >= 2 ** width)
      throw new RangeError(`${value} does not fit in ${width} bits`);
    for (let bit = width - 1; bit >= 0; bit--) this.#bits.push(Math.floor(value / 2 ** bit) % 2);
    return this;
  }

  /** The bits so far, padded with zeros to whole bytes. */
  bytes(): Uint8Array {
    const bytes = new Uint8Array(Math.ceil(this.#bits.length / 8));
    this.#bits.forEach((bit, index) => (bytes[index >> 3]! |= bit << (7 - (index & 7))));
    return bytes;
  }
}

export class BitReader {
  #position = 0;

  constructor(private readonly bytes: Uint8Array) {}

  /** Bits not yet read. */
  get remaining(): number {
    return this.bytes.length * 8 - this.#position;
  }

  /** Reads `width` bits as a whole number; undefined when the data ends first. */
  read(width: number): number | undefined {
    if (width > this.remaining) return undefined;
    let value = 0;
    for (let i = 0; i < width; i++, this.#position++) {
      value = value * 2 + ((this.bytes[this.#position >> 3]! >> (7 - (this.#position & 7))) & 1);
    }
    return value;
  }
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Bytes as base64url without padding. */
export function toBase64Url(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const chunk = (bytes[i]! << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = Math.min(4, Math.ceil(((bytes.length - i) * 8) / 6));
    for (let c = 0; c < chars; c++) text += ALPHABET[(chunk >> (18 - 6 * c)) & 63];
  }
  return text;
}

/** Base64url text as bytes; undefined for any other character or an impossible length. */
export function fromBase64Url(text: string): Uint8Array | undefined {
  if (text.length % 4 === 1) return undefined;
  const bytes = new Uint8Array(Math.floor((text.length * 6) / 8));
  let buffer = 0;
  let bits = 0;
  let out = 0;
  for (const char of text) {
    const value = ALPHABET.indexOf(char);
    if (value < 0) return undefined;
    buffer = ((buffer << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes[out++] = (buffer >> bits) & 0xff;
    }
  }
  return bytes;
}
