import { createWriteStream, type WriteStream } from 'node:fs';
import { createDeflateRaw, crc32 } from 'node:zlib';
import { once } from 'node:events';

interface Written {
  name: Buffer;
  crc: number;
  compressed: number;
  uncompressed: number;
  offset: number;
}

/**
 * A streaming zip writer: each member is deflated as it is produced, with a data descriptor after it
 * (flag bit 3), so nothing is held whole in memory. Members must stay under 4 GiB (no zip64 writing).
 */
export class ZipWriter {
  private readonly out: WriteStream;
  private offset = 0;
  private readonly written: Written[] = [];

  constructor(path: string) {
    this.out = createWriteStream(path);
  }

  private async raw(buf: Buffer): Promise<void> {
    this.offset += buf.length;
    if (!this.out.write(buf)) await once(this.out, 'drain');
  }

  /** Write one member; `produce` calls `write` with text pieces and resolves when the member is complete. */
  async member(name: string, produce: (write: (text: string) => Promise<void>) => Promise<void>): Promise<void> {
    const nameBytes = Buffer.from(name, 'utf8');
    const start = this.offset;
    const header = Buffer.alloc(30);
    header.writeUInt32LE(0x04034b50, 0);
    header.writeUInt16LE(20, 4); // version needed
    header.writeUInt16LE(0x0808, 6); // data descriptor + UTF-8 names
    header.writeUInt16LE(8, 8); // deflate
    header.writeUInt16LE(nameBytes.length, 26);
    await this.raw(Buffer.concat([header, nameBytes]));

    const deflate = createDeflateRaw({ level: 6, chunkSize: 1 << 18 });
    let crc = 0;
    let uncompressed = 0;
    let compressed = 0;
    const pump = (async () => {
      for await (const chunk of deflate) {
        compressed += (chunk as Buffer).length;
        await this.raw(chunk as Buffer);
      }
    })();
    await produce(async (text) => {
      const buf = Buffer.from(text, 'utf8');
      crc = crc32(buf, crc);
      uncompressed += buf.length;
      if (!deflate.write(buf)) await once(deflate, 'drain');
    });
    deflate.end();
    await pump;
    if (uncompressed >= 0xffffffff || this.offset >= 0xffffffff) throw new Error(`zip member ${name} is over 4 GiB; write fewer rows per sheet`);
    const descriptor = Buffer.alloc(16);
    descriptor.writeUInt32LE(0x08074b50, 0);
    descriptor.writeUInt32LE(crc >>> 0, 4);
    descriptor.writeUInt32LE(compressed, 8);
    descriptor.writeUInt32LE(uncompressed, 12);
    await this.raw(descriptor);
    this.written.push({ name: nameBytes, crc: crc >>> 0, compressed, uncompressed, offset: start });
  }

  async close(): Promise<void> {
    const cdStart = this.offset;
    for (const w of this.written) {
      const h = Buffer.alloc(46);
      h.writeUInt32LE(0x02014b50, 0);
      h.writeUInt16LE(20, 4);
      h.writeUInt16LE(20, 6);
      h.writeUInt16LE(0x0808, 8);
      h.writeUInt16LE(8, 10);
      h.writeUInt32LE(w.crc, 16);
      h.writeUInt32LE(w.compressed, 20);
      h.writeUInt32LE(w.uncompressed, 24);
      h.writeUInt16LE(w.name.length, 28);
      h.writeUInt32LE(w.offset, 42);
      await this.raw(Buffer.concat([h, w.name]));
    }
    const cdSize = this.offset - cdStart;
    const end = Buffer.alloc(22);
    end.writeUInt32LE(0x06054b50, 0);
    end.writeUInt16LE(this.written.length, 8);
    end.writeUInt16LE(this.written.length, 10);
    end.writeUInt32LE(cdSize, 12);
    end.writeUInt32LE(cdStart, 16);
    await this.raw(end);
    this.out.end();
    await once(this.out, 'finish');
  }
}
