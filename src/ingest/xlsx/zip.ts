import { open, type FileHandle } from 'node:fs/promises';
import { createReadStream } from 'node:fs';
import { createInflateRaw } from 'node:zlib';
import { pipeline, Transform, type Readable } from 'node:stream';
import { InputError } from '../../errors.js';

/** One member of a zip archive, as its central directory describes it. */
export interface ZipEntry {
  name: string;
  method: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

/** Bounds that keep a hostile archive from exhausting memory or disk: a zip bomb fails fast. */
export const ZIP_LIMITS = {
  maxEntryBytes: 16 * 2 ** 30,
  maxRatio: 1000,
};

const EOCD_SIG = 0x06054b50;
const EOCD64_LOCATOR_SIG = 0x07064b50;
const EOCD64_SIG = 0x06064b50;
const CDIR_SIG = 0x02014b50;
const LOCAL_SIG = 0x04034b50;

/** Random access into a zip: read the central directory once, then stream any member. */
export class ZipArchive {
  private constructor(
    readonly path: string,
    readonly size: number,
    readonly entries: Map<string, ZipEntry>,
    private readonly handle: FileHandle,
  ) {}

  static async open(path: string): Promise<ZipArchive> {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      const entries = await readCentralDirectory(handle, size, path);
      return new ZipArchive(path, size, entries, handle);
    } catch (err) {
      await handle.close();
      throw err;
    }
  }

  async close(): Promise<void> {
    await this.handle.close();
  }

  entry(name: string): ZipEntry | undefined {
    return this.entries.get(name);
  }

  private async dataOffset(entry: ZipEntry): Promise<number> {
    const header = Buffer.alloc(30);
    const { bytesRead } = await this.handle.read(header, 0, 30, entry.localHeaderOffset);
    if (bytesRead < 30 || header.readUInt32LE(0) !== LOCAL_SIG) {
      throw new InputError(`${this.path}: the zip member ${entry.name} has no local header where the directory says (a truncated or damaged file)`);
    }
    const start = entry.localHeaderOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
    if (start + entry.compressedSize > this.size) {
      throw new InputError(`${this.path}: the zip member ${entry.name} runs past the end of the file (a truncated file)`);
    }
    return start;
  }

  /** A stream of the member's uncompressed bytes, failing if it inflates past its declared size or the ratio limit. */
  async stream(name: string, chunkSize = 1 << 20): Promise<Readable> {
    const entry = this.entries.get(name);
    if (!entry) throw new InputError(`${this.path}: the zip has no member ${name}`);
    checkBombLimits(this.path, entry);
    const start = await this.dataOffset(entry);
    const raw = createReadStream(this.path, {
      start,
      end: Math.max(start, start + entry.compressedSize - 1),
      highWaterMark: chunkSize,
    });
    const guard = sizeGuard(this.path, entry);
    // pipeline() carries an error from any stage (a corrupt deflate stream, say) to the guard, which the caller reads.
    if (entry.method === 0) pipeline(raw, guard, () => undefined);
    else if (entry.method === 8) pipeline(raw, createInflateRaw({ chunkSize }), guard, () => undefined);
    else {
      raw.destroy();
      throw new InputError(`${this.path}: zip member ${name} uses compression method ${entry.method}; only stored and deflate are read`);
    }
    return guard;
  }

  /** A whole (small) member as a Buffer. */
  async read(name: string): Promise<Buffer> {
    const parts: Buffer[] = [];
    for await (const chunk of await this.stream(name)) parts.push(chunk as Buffer);
    return Buffer.concat(parts);
  }
}

function checkBombLimits(path: string, entry: ZipEntry): void {
  if (entry.uncompressedSize > ZIP_LIMITS.maxEntryBytes) {
    throw new InputError(`${path}: zip member ${entry.name} declares ${entry.uncompressedSize} bytes, over the limit of ${ZIP_LIMITS.maxEntryBytes}`);
  }
  if (entry.compressedSize > 0 && entry.uncompressedSize / entry.compressedSize > ZIP_LIMITS.maxRatio) {
    throw new InputError(`${path}: zip member ${entry.name} has a compression ratio over ${ZIP_LIMITS.maxRatio}:1 (a zip bomb?)`);
  }
}

/** Pass bytes through, failing once more arrive than the directory declared (or too few by the end). */
function sizeGuard(path: string, entry: ZipEntry): Transform {
  let seen = 0;
  return new Transform({
    transform(chunk: Buffer, _enc, done) {
      seen += chunk.length;
      if (seen > entry.uncompressedSize) {
        done(new InputError(`${path}: zip member ${entry.name} inflates past its declared ${entry.uncompressedSize} bytes (a damaged file or a zip bomb)`));
      } else done(null, chunk);
    },
    flush(done) {
      if (seen < entry.uncompressedSize) {
        done(new InputError(`${path}: zip member ${entry.name} ends after ${seen} of ${entry.uncompressedSize} bytes (a truncated file)`));
      } else done();
    },
  });
}

async function readCentralDirectory(handle: FileHandle, size: number, path: string): Promise<Map<string, ZipEntry>> {
  const notZip = () =>
    new InputError(`${path}: not a readable XLSX workbook (no zip directory found: the file is truncated, damaged, or not a zip at all)`);
  if (size < 22) throw notZip();
  const tailLength = Math.min(size, 22 + 0xffff + 20);
  const tail = Buffer.alloc(tailLength);
  await handle.read(tail, 0, tailLength, size - tailLength);
  let eocd = -1;
  for (let i = tailLength - 22; i >= 0; i--) {
    if (tail.readUInt32LE(i) === EOCD_SIG) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw notZip();
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  // Zip64: the 32-bit fields are saturated and the real ones sit in the zip64 end record.
  if ((cdOffset === 0xffffffff || count === 0xffff) && eocd >= 20 && tail.readUInt32LE(eocd - 20) === EOCD64_LOCATOR_SIG) {
    const eocd64Offset = Number(tail.readBigUInt64LE(eocd - 20 + 8));
    const rec = Buffer.alloc(56);
    await handle.read(rec, 0, 56, eocd64Offset);
    if (rec.readUInt32LE(0) !== EOCD64_SIG) throw notZip();
    count = Number(rec.readBigUInt64LE(32));
    cdSize = Number(rec.readBigUInt64LE(40));
    cdOffset = Number(rec.readBigUInt64LE(48));
  }
  if (cdOffset + cdSize > size) throw notZip();
  const cd = Buffer.alloc(cdSize);
  await handle.read(cd, 0, cdSize, cdOffset);
  const entries = new Map<string, ZipEntry>();
  let p = 0;
  for (let i = 0; i < count; i++) {
    if (p + 46 > cd.length || cd.readUInt32LE(p) !== CDIR_SIG) throw notZip();
    const nameLength = cd.readUInt16LE(p + 28);
    const extraLength = cd.readUInt16LE(p + 30);
    const commentLength = cd.readUInt16LE(p + 32);
    const entry: ZipEntry = {
      name: cd.toString('utf8', p + 46, p + 46 + nameLength),
      method: cd.readUInt16LE(p + 10),
      compressedSize: cd.readUInt32LE(p + 20),
      uncompressedSize: cd.readUInt32LE(p + 24),
      localHeaderOffset: cd.readUInt32LE(p + 42),
    };
    readZip64Extra(cd.subarray(p + 46 + nameLength, p + 46 + nameLength + extraLength), entry);
    entries.set(entry.name, entry);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

function readZip64Extra(extra: Buffer, entry: ZipEntry): void {
  let q = 0;
  while (q + 4 <= extra.length) {
    const id = extra.readUInt16LE(q);
    const len = extra.readUInt16LE(q + 2);
    if (id === 0x0001) {
      let r = q + 4;
      const next = () => {
        const v = Number(extra.readBigUInt64LE(r));
        r += 8;
        return v;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = next();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = next();
    }
    q += 4 + len;
  }
}
