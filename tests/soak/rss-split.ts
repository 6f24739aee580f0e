import { readFile } from 'node:fs/promises';

// A Chromium renderer's resident memory is two different things, and a soak must tell them apart:
// - shared-memory regions (memfd / /dev/shm): Chromium's decoded-image cache, raster tiles, the frames it
//   hands to the compositor and its transfer buffers. Their size follows what is on the screen and what was
//   shown lately, within budgets Chromium sets itself (on a desktop: 256 MB of decoded images, 512 MB of
//   tiles), so they swing by tens of MB from one story to the next and fill up slowly;
// - anonymous memory: the page's own heaps (V8, Blink's garbage-collected heap, PartitionAlloc, malloc),
//   where a leak of the kiosk's would accumulate.
// File-backed pages (Chromium's code) are neither and barely move.

export interface RssSplit {
  sharedMB: number;
  anonMB: number;
  fileMB: number;
}

const MAPPING = /^[0-9a-f]+-[0-9a-f]+\s+\S+\s+\S+\s+\S+\s+\S+\s*(.*)$/;
const RSS = /^Rss:\s+(\d+) kB$/;
const SHARED_MEMORY = /^\/memfd:|^\/dev\/shm\//;

type Kind = keyof RssSplit;

function kindOf(name: string): Kind {
  if (SHARED_MEMORY.test(name)) return 'sharedMB';
  // "[heap]", "[stack]", "[anon:…]" and nameless mappings are the process's own memory; a path is a file.
  return name.startsWith('/') ? 'fileMB' : 'anonMB';
}

/** Sums the Rss lines of /proc/<pid>/smaps by what each mapping is. */
export function splitSmaps(smaps: string): RssSplit {
  const kB: RssSplit = { sharedMB: 0, anonMB: 0, fileMB: 0 };
  let kind: Kind = 'anonMB';
  for (const line of smaps.split('\n')) {
    const mapping = MAPPING.exec(line);
    if (mapping) {
      kind = kindOf((mapping[1] ?? '').trim());
      continue;
    }
    const rss = RSS.exec(line);
    if (rss) kB[kind] += Number(rss[1]);
  }
  return { sharedMB: kB.sharedMB / 1024, anonMB: kB.anonMB / 1024, fileMB: kB.fileMB / 1024 };
}

/** null where there is no /proc or the process is gone. */
export async function rssSplit(pid: number | undefined): Promise<RssSplit | null> {
  if (pid === undefined) return null;
  try {
    return splitSmaps(await readFile(`/proc/${pid}/smaps`, 'utf8'));
  } catch {
    return null;
  }
}
