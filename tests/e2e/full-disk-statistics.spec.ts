import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { appendFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeyPair } from '../../electron/core/bundle/index';
import { openKiosk, wakeToMap, waitForAppEvent, waitForScreen } from './support/app';
import { KioskLog } from './support/kiosk-log';
import { startKioskServer, type RunningKiosk } from './support/kiosk-server';

// A real full disk under the kiosk's statistics (issue 7): the data folder is a small tmpfs that the test
// fills while visitors keep coming. The counts stored before must all stay (on disk, through a restart,
// and on the service stick), staff read why in Danish in the stick's health log, IT in the English log.

const EVENTS = join('stats', 'events.jsonl');

/** Opens a core task and its first story that is not `other`; resolves with the story's id. */
async function readAStory(page: Page, taskId: string, other = ''): Promise<string> {
  await page.locator(`button[data-task="${taskId}"]`).click();
  await waitForScreen(page, 'task');
  await page.locator(`button[data-story]:not([data-story="${other}"])`).first().click();
  const opened = await waitForAppEvent(page, 'story-opened');
  return String(opened.detail['storyId']);
}

/** Writes until the file system says it is full (ENOSPC); any other error is the test's failure. */
async function fillDisk(dir: string): Promise<void> {
  const filler = join(dir, 'filler.bin');
  for (const size of [1024 * 1024, 4096, 1]) {
    for (;;) {
      try {
        await appendFile(filler, Buffer.alloc(size));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        break;
      }
    }
  }
}

function storyCount(contentCsv: string, storyId: string): number {
  return contentCsv
    .split('\r\n')
    .filter((line) => line.split(';')[2] === storyId && line.split(';')[1] === 'historie')
    .reduce((sum, line) => sum + Number(line.split(';').at(-1)), 0);
}

async function exportToStick(stick: string): Promise<{ contentCsv: string; healthText: string }> {
  const folder = join(stick, 'vores-sted-statistik');
  await mkdir(folder, { recursive: true });
  await expect.poll(async () => (await readdir(folder)).filter((f) => f.endsWith('-indhold.csv') || f.endsWith('.txt')).length, { timeout: 30_000 }).toBe(2);
  const files = await readdir(folder);
  const read = (suffix: string): Promise<string> => readFile(join(folder, files.find((f) => f.endsWith(suffix)) ?? ''), 'utf8');
  return { contentCsv: await read('-indhold.csv'), healthText: await read('.txt') };
}

let root: string;
let data: string;
let mounted = false;
let kiosk: RunningKiosk | null = null;

test.beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vores-sted-full-disk-'));
  data = join(root, 'data');
  await mkdir(data);
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=8m', 'tmpfs', data], { stdio: 'pipe' });
    mounted = true;
  } catch (error) {
    test.skip(true, `SKIPPED: a small disk to fill could not be mounted here (needs root): ${(error as Error).message.split('\n')[0] ?? ''}`);
  }
});

test.afterEach(async () => {
  await kiosk?.stop();
  kiosk = null;
  if (mounted) execFileSync('umount', ['-l', data]);
  mounted = false;
  await rm(root, { recursive: true, force: true });
});

test('a full disk while statistics are written loses none of the counts stored before', async ({ page }) => {
  test.setTimeout(120_000);
  const config = join(root, 'config.json');
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('could not make a signing key');
  await writeFile(config, JSON.stringify({ kioskId: 'hvalsoe-bibliotek', dataDir: data, bundles: { trustedKeys: [keys.publicKeyBase64], extraBundleFolder: join(root, 'stick') } }));
  const start = async (): Promise<KioskLog> => {
    kiosk = await startKioskServer({ env: { VORES_STED_CONFIG: config } });
    return new KioskLog(kiosk.process);
  };

  let log = await start();
  await openKiosk(page, kiosk!.url);
  await wakeToMap(page);
  const before = await readAStory(page, 'faellesskab-og-fritid');
  // Stored: the store writes its batch within 2 s.
  await expect.poll(async () => (await readFile(join(data, EVENTS), 'utf8').catch(() => '')).includes(before), { timeout: 15_000 }).toBe(true);
  const storedBefore = await readFile(join(data, EVENTS), 'utf8');

  await fillDisk(data);
  await page.getByRole('button', { name: 'Hjem' }).first().click();
  await waitForScreen(page, 'map');
  const during = await readAStory(page, 'trivsel-og-laering', before);
  // The file's last block may still hold a few lines: visitors go on switching language until the disk says no.
  const from = log.lines.length;
  for (let tap = 0; tap < 400 && !log.lines.slice(from).some((line) => line.msg.startsWith('statistics cannot be stored')); tap++) {
    await page.locator('button.language').last().click();
  }
  const refused = await log.waitFor(/^statistics cannot be stored \(ENOSPC\)/, { fromIndex: from, timeoutMs: 15_000 });
  expect(refused.level).toBeGreaterThanOrEqual(50);
  // What was stored before is untouched, and a refused batch was cut off again: every line is whole.
  const stored = await readFile(join(data, EVENTS), 'utf8');
  expect(stored.startsWith(storedBefore)).toBe(true);
  for (const line of stored.split('\n').filter(Boolean)) expect(() => JSON.parse(line) as unknown).not.toThrow();

  // The service stick (another disk) gets every count, the waiting ones too, and staff read why in Danish.
  const first = await exportToStick(join(root, 'stick'));
  expect(storyCount(first.contentCsv, before)).toBe(1);
  expect(storyCount(first.contentCsv, during)).toBe(1);
  expect(first.healthText).toContain('Statistikken kan ikke gemmes (disken er fuld). Tallene, der allerede er gemt, er bevaret.');

  // A restart while the disk is still full: everything stored before is read back and exported again.
  await kiosk!.stop();
  await rm(join(root, 'stick'), { recursive: true, force: true });
  log = await start();
  const second = await exportToStick(join(root, 'stick'));
  expect(storyCount(second.contentCsv, before)).toBe(1);
  expect(log.lines.some((line) => /unreadable|skipped/.test(line.msg))).toBe(false);
});
