import { once } from 'node:events';
import type { Writable } from 'node:stream';

const CHUNK = 4 << 20;
const FLUSH_AT = CHUNK - (256 << 10);
const QUOTE = 0x22;

/**
 * CSV output written as bytes into a reused buffer: numbers digit by digit, text copied straight from the
 * source bytes where it needs no quoting. Building JavaScript strings per row cost more in garbage
 * collection than the whole XML scan.
 */
export class ByteWriter {
  private buf = Buffer.allocUnsafe(CHUNK);
  pos = 0;

  constructor(private readonly out: Writable) {}

  byte(c: number): void {
    if (this.pos >= this.buf.length) this.ensure(1);
    this.buf[this.pos++] = c;
  }

  /** A non-negative or negative safe integer. */
  int(n: number): void {
    if (this.pos + 24 > this.buf.length) this.ensure(24);
    if (n < 0) {
      this.byte(0x2d);
      n = -n;
    }
    if (n < 10) {
      this.buf[this.pos++] = 0x30 + n;
      return;
    }
    let digits = 0;
    for (let m = n; m >= 1; m = Math.floor(m / 10)) digits++;
    let at = this.pos + digits;
    this.pos = at;
    while (n >= 1) {
      const q = Math.floor(n / 10);
      this.buf[--at] = 0x30 + (n - q * 10);
      n = q;
    }
  }

  /** Bytes of another buffer as one CSV field: copied as they are, or quoted if they hold , " or a newline. */
  field(src: Buffer, a: number, e: number): void {
    this.ensure(2 * (e - a) + 2);
    let plain = true;
    for (let i = a; i < e; i++) {
      const c = src[i];
      if (c === 0x2c || c === QUOTE || c === 0x0a || c === 0x0d) {
        plain = false;
        break;
      }
    }
    if (plain) {
      // Buffer#copy costs more in call overhead than a loop for the short fields most cells are.
      if (e - a > 64) src.copy(this.buf, this.pos, a, e);
      else for (let i = a, o = this.pos; i < e; i++, o++) this.buf[o] = src[i];
      this.pos += e - a;
      return;
    }
    this.byte(QUOTE);
    for (let i = a; i < e; i++) {
      if (src[i] === QUOTE) this.byte(QUOTE);
      this.byte(src[i]);
    }
    this.byte(QUOTE);
  }

  /** A JavaScript string as one CSV field. */
  text(s: string): void {
    const bytes = Buffer.from(s, 'utf8');
    this.field(bytes, 0, bytes.length);
  }

  private ensure(n: number): void {
    if (this.pos + n > this.buf.length) {
      const bigger = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.pos + n));
      this.buf.copy(bigger, 0, 0, this.pos);
      this.buf = bigger;
    }
  }

  get full(): boolean {
    return this.pos >= FLUSH_AT;
  }

  async flush(): Promise<void> {
    if (this.pos === 0) return;
    const chunk = this.buf.subarray(0, this.pos);
    this.buf = Buffer.allocUnsafe(CHUNK);
    this.pos = 0;
    if (!this.out.write(chunk)) await once(this.out, 'drain');
  }
}
