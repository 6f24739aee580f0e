import { readFile } from 'node:fs/promises';

const MB = 1024 * 1024;

/** VmRSS from /proc; null where there is no /proc or the process is gone. */
export async function rssMB(pid: number | undefined): Promise<number | null> {
  if (pid === undefined) return null;
  try {
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    const kB = /^VmRSS:\s+(\d+)\s+kB$/m.exec(status)?.[1];
    return kB === undefined ? null : (Number(kB) * 1024) / MB;
  } catch {
    return null;
  }
}
