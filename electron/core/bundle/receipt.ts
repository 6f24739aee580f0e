import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../logger.js';
import { writeFileAtomic } from './fs-safe.js';
import type { InstallResult } from './install.js';
import { describeRejection } from './rejection.js';

// A Danish note the kiosk leaves on the stick, so staff can see at their desk what happened, on which
// kiosk. One line per install; a stick carried round several kiosks collects all of them.

const log = createLogger('bundle-receipt');

export const RECEIPT_FILE = 'vores-sted-kvittering.txt';
/** Older lines are dropped beyond this, so a stick used for years never fills up with receipts. */
const MAX_RECEIPT_BYTES = 64 * 1024;

const DANISH_TIME = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Copenhagen',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "23-11-2026 kl. 10:42" in Danish time, whatever time zone the machine was set up with. */
export function danishTimestamp(at: Date): string {
  const part = (type: Intl.DateTimeFormatPartTypes): string => DANISH_TIME.formatToParts(at).find((p) => p.type === type)?.value ?? '00';
  return `${part('day')}-${part('month')}-${part('year')} kl. ${part('hour')}:${part('minute')}`;
}

function files(count: number): string {
  return count === 1 ? '1 fil' : `${count} filer`;
}

export interface ReceiptInput {
  result: InstallResult;
  bundleName: string;
  kioskId: string;
  at: Date;
}

export function formatReceipt({ result, bundleName, kioskId, at }: ReceiptInput): string {
  const when = `${danishTimestamp(at)} på kiosk ${kioskId}`;
  if (!result.ok) {
    const still = result.previousVersion === null
      ? 'Kiosken viser stadig sit oprindelige indhold.'
      : `Kiosken viser stadig version ${result.previousVersion}.`;
    return `${bundleName} blev IKKE installeret ${when}: ${describeRejection(result.reason, 'da')} ${still}`;
  }
  const from = result.previousVersion === null ? `Version ${result.version}` : `Version ${result.previousVersion} → ${result.version}`;
  const changes = result.diff
    ? `${files(result.diff.added.length)} tilføjet, ${files(result.diff.changed.length)} ændret, ${files(result.diff.removed.length)} fjernet`
    : `${files(result.fileCount)} i alt`;
  return `${from} installeret ${when}: ${changes}.`;
}

/**
 * Adds `text` as a line to the receipt on the stick (temp file, fsync, rename). Never throws: the
 * stick may already be gone or read-only, and that must not turn a good install into an error.
 */
export async function writeReceipt(stickDir: string, text: string): Promise<boolean> {
  const path = join(stickDir, RECEIPT_FILE);
  try {
    let earlier = '';
    try {
      earlier = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
    let body = `${earlier}${earlier === '' || earlier.endsWith('\n') ? '' : '\n'}${text.replace(/\r?\n/g, ' ')}\n`;
    // Drop the oldest lines, never the newest one.
    while (Buffer.byteLength(body) > MAX_RECEIPT_BYTES && body.indexOf('\n') < body.length - 1) {
      body = body.slice(body.indexOf('\n') + 1);
    }
    await writeFileAtomic(path, body, join(stickDir, `.${RECEIPT_FILE}.tmp`));
    return true;
  } catch (error) {
    log.warn({ err: error, stickDir }, 'could not write receipt to the stick');
    return false;
  }
}
