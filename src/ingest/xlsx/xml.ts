/** Byte-level helpers shared by the sheet and shared-strings scanners. */

export const bytes = (s: string): Buffer => Buffer.from(s, 'latin1');

const ENTITY = /&(?:(amp|lt|gt|quot|apos)|#(\d+)|#x([0-9a-fA-F]+));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
/** OOXML escapes control characters as _xHHHH_ inside text. */
const OOXML_ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXmlText(buf: Buffer, start: number, end: number): string {
  const raw = buf.toString('utf8', start, end);
  let out = raw.indexOf('&') >= 0 ? raw.replace(ENTITY, decodeEntity) : raw;
  if (out.indexOf('_x') >= 0) out = out.replace(OOXML_ESCAPE, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return out;
}

function decodeEntity(_m: string, named?: string, dec?: string, hex?: string): string {
  if (named) return NAMED[named];
  const code = dec ? parseInt(dec, 10) : parseInt(hex!, 16);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '\uFFFD';
}

/**
 * Find attribute `name` inside a start tag spanning [start, end). Returns [valueStart, valueEnd) or null.
 * Matches only whole attribute names preceded by white space, so `r=` never matches inside `spans=`.
 */
export function findAttr(buf: Buffer, start: number, end: number, name: Buffer): [number, number] | null {
  let p = start;
  for (;;) {
    const at = buf.indexOf(name, p);
    if (at < 0 || at >= end) return null;
    const before = buf[at - 1];
    const after = at + name.length;
    if ((before === 0x20 || before === 0x09 || before === 0x0a || before === 0x0d) && buf[after] === 0x3d /* = */) {
      const quote = buf[after + 1];
      const close = buf.indexOf(quote, after + 2);
      if (close < 0 || close > end) return null;
      return [after + 2, close];
    }
    p = after;
  }
}

/**
 * Concatenate the text of every <t>…</t> in [start, end), skipping phonetic runs (<rPh>…</rPh>), which
 * carry reading aids and not the cell's text. Handles <t/> and <t xml:space="preserve">.
 */
export function collectText(buf: Buffer, start: number, end: number): string {
  let text = '';
  let p = start;
  for (;;) {
    const t = buf.indexOf(T_OPEN, p);
    if (t < 0 || t >= end) return text;
    const next = buf[t + 2];
    if (next !== 0x3e && next !== 0x20 && next !== 0x2f) {
      p = t + 2; // some other tag starting with <t
      continue;
    }
    // Bounded search: an unbounded one would scan the rest of the buffer for every string.
    const rphAt = buf.subarray(p, t).indexOf(RPH_OPEN);
    if (rphAt >= 0) {
      const rph = p + rphAt;
      const rphEnd = buf.indexOf(RPH_CLOSE, rph);
      if (rphEnd < 0 || rphEnd >= end) return text;
      p = rphEnd + RPH_CLOSE.length;
      continue;
    }
    const tagEnd = buf.indexOf(0x3e, t);
    if (tagEnd < 0 || tagEnd >= end) return text;
    if (buf[tagEnd - 1] === 0x2f) {
      p = tagEnd + 1;
      continue;
    }
    const close = buf.indexOf(T_CLOSE, tagEnd);
    if (close < 0 || close > end) return text;
    text += decodeXmlText(buf, tagEnd + 1, close);
    p = close + T_CLOSE.length;
  }
}

const T_OPEN = bytes('<t');
const T_CLOSE = bytes('</t>');
const RPH_OPEN = bytes('<rPh');
const RPH_CLOSE = bytes('</rPh>');

/**
 * Whether an XML part declares a DTD before its root element: 'unknown' while the bytes end first. Excel
 * never writes one; a DTD's entities can expand without bound or name other files, so a part that has one
 * is refused, whatever its cells say.
 */
export function prologDtd(buf: Buffer): 'dtd' | 'none' | 'unknown' {
  let p = 0;
  for (;;) {
    p = buf.indexOf(0x3c, p);
    if (p < 0 || p + 9 > buf.length) return 'unknown';
    if (buf[p + 1] === 0x3f) p = buf.indexOf('?>', p, 'latin1'); // the XML declaration or an instruction
    else if (buf.toString('latin1', p, p + 4) === '<!--') p = buf.indexOf('-->', p, 'latin1');
    else return buf.toString('latin1', p, p + 9) === '<!DOCTYPE' ? 'dtd' : 'none';
    if (p < 0) return 'unknown';
  }
}

export const DTD_REFUSED = 'the XML declares a DTD (<!DOCTYPE …>), which a release never has: its entities could expand without bound or read other files, so the workbook is refused';
