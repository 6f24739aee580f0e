import { open } from 'node:fs/promises';

// Just enough of the WAV format to tell a whole file from a broken one before it reaches the speakers: a
// file cut short by a power cut, or a block of zeros, would otherwise play as a burst of noise or silence.

export interface WavInfo {
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  dataBytes: number;
  durationSeconds: number;
}

const HEADER_READ_BYTES = 4096;

/** The PCM format and length, or null when the bytes are not a complete 16/8-bit PCM WAV file of `fileSize` bytes. */
export function parseWavHeader(head: Buffer, fileSize: number): WavInfo | null {
  if (head.length < 12 || head.toString('ascii', 0, 4) !== 'RIFF' || head.toString('ascii', 8, 12) !== 'WAVE') return null;
  // The RIFF size promises the whole file: a shorter file was cut off.
  if (head.readUInt32LE(4) + 8 > fileSize) return null;
  let format: Omit<WavInfo, 'dataBytes' | 'durationSeconds'> | null = null;
  let offset = 12;
  while (offset + 8 <= head.length) {
    const id = head.toString('ascii', offset, offset + 4);
    const size = head.readUInt32LE(offset + 4);
    const body = offset + 8;
    if (id === 'fmt ' && body + 16 <= head.length) {
      const audioFormat = head.readUInt16LE(body);
      const channels = head.readUInt16LE(body + 2);
      const sampleRate = head.readUInt32LE(body + 4);
      const bitsPerSample = head.readUInt16LE(body + 14);
      if (audioFormat !== 1 || channels < 1 || sampleRate < 8000 || (bitsPerSample !== 8 && bitsPerSample !== 16)) return null;
      format = { sampleRate, channels, bitsPerSample };
    } else if (id === 'data') {
      if (format === null || size === 0 || body + size > fileSize) return null;
      const bytesPerSecond = format.sampleRate * format.channels * (format.bitsPerSample / 8);
      return { ...format, dataBytes: size, durationSeconds: size / bytesPerSecond };
    }
    offset = body + size + (size % 2);
  }
  return null;
}

/** Reads and checks a WAV file's header; null when it is missing, unreadable or not a whole WAV file. */
export async function readWavInfo(path: string): Promise<WavInfo | null> {
  let handle;
  try {
    handle = await open(path, 'r');
    const { size } = await handle.stat();
    const head = Buffer.alloc(Math.min(HEADER_READ_BYTES, size));
    await handle.read(head, 0, head.length, 0);
    return parseWavHeader(head, size);
  } catch {
    return null;
  } finally {
    await handle?.close();
  }
}

/** A short 16-bit mono WAV of silence: what the probe plays to learn whether the audio device opens. */
export function silentWav(milliseconds: number, sampleRate = 22050): Buffer {
  const dataBytes = Math.round((sampleRate * milliseconds) / 1000) * 2;
  const wav = Buffer.alloc(44 + dataBytes);
  wav.write('RIFF', 0, 'ascii');
  wav.writeUInt32LE(36 + dataBytes, 4);
  wav.write('WAVEfmt ', 8, 'ascii');
  wav.writeUInt32LE(16, 16);
  wav.writeUInt16LE(1, 20);
  wav.writeUInt16LE(1, 22);
  wav.writeUInt32LE(sampleRate, 24);
  wav.writeUInt32LE(sampleRate * 2, 28);
  wav.writeUInt16LE(2, 32);
  wav.writeUInt16LE(16, 34);
  wav.write('data', 36, 'ascii');
  wav.writeUInt32LE(dataBytes, 40);
  return wav;
}
