import { crc32, deflateRawSync } from 'node:zlib';

// A tiny zip writer for hand-made hostile archives: every header field can be set to a lie.

export interface RawEntry {
  /** Name in the central directory. */
  name: string | Buffer;
  /** Name in the local header; defaults to `name`. */
  localName?: string | Buffer;
  data: Buffer;
  method?: 0 | 8 | number;
  /** Already-compressed bytes to store instead of compressing `data`. */
  compressed?: Buffer;
  flags?: number;
  externalAttributes?: number;
  versionMadeBy?: number;
  /** Uncompressed size written in the headers (a lie, if it differs from data.length). */
  declaredSize?: number;
  extra?: Buffer;
}

export interface RawZipOptions {
  prefix?: Buffer;
  comment?: Buffer;
  trailing?: Buffer;
  /** Entry count written in the end record. */
  countOverride?: number;
}

const UTF8 = 0x0800;
const UNIX_FILE = (0o100644 << 16) >>> 0;

function bytes(name: string | Buffer): Buffer {
  return typeof name === 'string' ? Buffer.from(name, 'utf8') : name;
}

/** One entry's local header + data and its central-directory record, for an entry stored at `offset`. */
export function entryRecords(entry: RawEntry, offset: number): { local: Buffer; central: Buffer } {
  const method = entry.method ?? 0;
  const body = entry.compressed ?? (method === 8 ? deflateRawSync(entry.data) : entry.data);
  const crc = crc32(entry.data);
  const size = entry.declaredSize ?? entry.data.length;
  const flags = entry.flags ?? UTF8;
  const extra = entry.extra ?? Buffer.alloc(0);
  const localName = bytes(entry.localName ?? entry.name);
  const name = bytes(entry.name);
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(flags, 6);
  local.writeUInt16LE(method, 8);
  local.writeUInt32LE(0x5b6a0000, 10); // some DOS time/date
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(body.length, 18);
  local.writeUInt32LE(size, 22);
  local.writeUInt16LE(localName.length, 26);
  local.writeUInt16LE(extra.length, 28);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(entry.versionMadeBy ?? 0x031e, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(flags, 8);
  central.writeUInt16LE(method, 10);
  central.writeUInt32LE(0x5b6a0000, 12);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(body.length, 20);
  central.writeUInt32LE(size, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt16LE(extra.length, 30);
  central.writeUInt32LE(entry.externalAttributes ?? UNIX_FILE, 38);
  central.writeUInt32LE(offset, 42);
  return { local: Buffer.concat([local, localName, extra, body]), central: Buffer.concat([central, name, extra]) };
}

/** The classic end-of-central-directory record (plus zip64 records when the count needs them). */
export function endRecords(count: number, cdSize: number, cdOffset: number, comment: Buffer = Buffer.alloc(0)): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(count, 0xffff), 8);
  end.writeUInt16LE(Math.min(count, 0xffff), 10);
  end.writeUInt32LE(cdSize, 12);
  end.writeUInt32LE(cdOffset, 16);
  end.writeUInt16LE(comment.length, 20);
  // More than 65 535 entries need the zip64 end records in front of the classic one.
  const zip64 = count > 0xffff ? zip64EndRecords(count, cdSize, cdOffset) : Buffer.alloc(0);
  return Buffer.concat([zip64, end, comment]);
}

export function writeRawZip(entries: readonly RawEntry[], options: RawZipOptions = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = options.prefix?.length ?? 0;
  for (const entry of entries) {
    const { local, central } = entryRecords(entry, offset);
    locals.push(local);
    centrals.push(central);
    offset += local.length;
  }
  const cd = Buffer.concat(centrals);
  const count = options.countOverride ?? entries.length;
  return Buffer.concat([
    options.prefix ?? Buffer.alloc(0), ...locals, cd, endRecords(count, cd.length, offset, options.comment), options.trailing ?? Buffer.alloc(0),
  ]);
}

/** A complete signed bundle in raw form: the manifest and signature first, then `files`. */
export function rawBundle(signed: { manifest: Buffer; signature: Buffer }, files: readonly RawEntry[], options?: RawZipOptions): Buffer {
  return writeRawZip([
    { name: 'bundle-manifest.json', data: signed.manifest },
    { name: 'bundle-manifest.sig', data: signed.signature },
    ...files,
  ], options);
}

function zip64EndRecords(count: number, cdSize: number, cdOffset: number): Buffer {
  const record = Buffer.alloc(56);
  record.writeUInt32LE(0x06064b50, 0);
  record.writeBigUInt64LE(44n, 4);
  record.writeUInt16LE(45, 12);
  record.writeUInt16LE(45, 14);
  record.writeBigUInt64LE(BigInt(count), 24);
  record.writeBigUInt64LE(BigInt(count), 32);
  record.writeBigUInt64LE(BigInt(cdSize), 40);
  record.writeBigUInt64LE(BigInt(cdOffset), 48);
  const locator = Buffer.alloc(20);
  locator.writeUInt32LE(0x07064b50, 0);
  locator.writeBigUInt64LE(BigInt(cdOffset + cdSize), 8);
  locator.writeUInt32LE(1, 16);
  return Buffer.concat([record, locator]);
}
