import { describe, expect, it } from 'vitest';
import { splitSmaps } from '../../soak/rss-split';

// The soak tells Chromium's budgeted caches (shared memory) from the page's own heaps (anonymous memory):
// a mapping read as the wrong kind would hide a leak or report a cache as one.

function mapping(header: string, rssKB: number): string {
  return `${header}\nSize:               ${rssKB * 2} kB\nRss:                ${rssKB} kB\nPss:                ${rssKB} kB\nVmFlags: rd wr mr mw me ac \n`;
}

const SMAPS = [
  mapping('00010000-100100000 ---p 00000000 00:00 0 ', 0),
  mapping('2800000000-2800400000 rw-p 00000000 00:00 0 ', 2048),
  mapping('55d0c0000000-55d0c1000000 rw-p 00000000 00:00 0                          [heap]', 1024),
  mapping('7f0000000000-7f0000800000 rw-s 00000000 00:01 1234                       /memfd:shared-memory-region (deleted)', 8192),
  mapping('7f0001000000-7f0001100000 rw-s 00000000 00:19 77                         /dev/shm/.org.chromium.Chromium.Ab12Cd (deleted)', 1024),
  mapping('7f0002000000-7f0006000000 r-xp 01000000 08:01 42                         /usr/lib/chromium/chromium', 51200),
  mapping('7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]', 128),
].join('');

describe('renderer RSS split', () => {
  it('counts shared-memory regions, anonymous memory and file pages apart', () => {
    expect(splitSmaps(SMAPS)).toEqual({ sharedMB: 9, anonMB: 3.125, fileMB: 50 });
  });

  it('reads nothing from an empty or foreign text', () => {
    expect(splitSmaps('')).toEqual({ sharedMB: 0, anonMB: 0, fileMB: 0 });
  });

  it('agrees with the kernel on a live process: the parts add up to its RSS', async () => {
    const { readFile } = await import('node:fs/promises');
    const smaps = await readFile('/proc/self/smaps', 'utf8').catch(() => null);
    if (smaps === null) return expect(process.platform).not.toBe('linux');
    const status = await readFile('/proc/self/status', 'utf8');
    const vmRssMB = Number(/^VmRSS:\s+(\d+) kB$/m.exec(status)?.[1]) / 1024;
    const split = splitSmaps(smaps);
    // Read a moment apart, so within a few MB; the process has no shared-memory regions of its own.
    expect(split.anonMB + split.fileMB + split.sharedMB).toBeGreaterThan(vmRssMB * 0.9);
    expect(split.anonMB + split.fileMB + split.sharedMB).toBeLessThan(vmRssMB * 1.1);
    expect(split.anonMB).toBeGreaterThan(10);
  });
});
