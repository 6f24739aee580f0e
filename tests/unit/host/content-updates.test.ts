import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ContentState, HostEvent } from '../../../contract/api';
import { buildBundle, generateKeyPair, parseBundleConfig, readCurrent, type BundleSettings } from '../../../electron/core/bundle/index';
import { loadContent } from '../../../electron/core/content/load-content';
import { ContentUpdater, type UpdatableHost } from '../../../electron/core/content-updates';

class FakeHost implements UpdatableHost {
  readonly notices: HostEvent[] = [];
  readonly loaded: string[] = [];
  shows = true;
  content: ContentState = { ok: false, problem: { file: '', field: '', messageDa: 'not loaded yet', messageEn: 'not loaded yet' } };
  readonly events = { emit: (event: HostEvent) => void this.notices.push(event) };

  async reloadContent(dir: string): Promise<ContentState> {
    this.loaded.push(dir);
    this.content = await loadContent(dir);
    return this.content;
  }

  async waitForContentShown(): Promise<boolean> {
    return this.shows;
  }

  messages(): string[] {
    return this.notices.flatMap((n) => (n.type === 'staff-notice' ? [n.messageDa] : []));
  }
}

let root: string;
let settings: BundleSettings;
let privateKeyPath: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'vores-sted-updater-'));
  const keys = await generateKeyPair(join(root, 'keys'));
  if (!keys.ok) throw new Error('keys');
  privateKeyPath = keys.privateKeyPath;
  const parsed = parseBundleConfig({ trustedKeys: [keys.publicKeyBase64] });
  if (!parsed.ok) throw new Error(parsed.problems.join());
  settings = parsed.settings;
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

async function bundle(version: number, change?: (dir: string) => Promise<void>): Promise<string> {
  const dir = join(root, `content-${version}`);
  await cp('content', dir, { recursive: true });
  await change?.(dir);
  const built = await buildBundle({ contentDir: dir, outDir: join(root, 'stick'), privateKeyPath, version });
  if (!built.ok) throw new Error(JSON.stringify(built.problems));
  return built.bundlePath;
}

function updater(host: FakeHost): ContentUpdater {
  return new ContentUpdater({ host, settings, dataDir: join(root, 'data'), kioskId: 'test-kiosk', builtInDir: 'content', healthCheckMs: 1000, now: () => new Date('2026-11-23T09:42:00Z') });
}

describe('USB content updates on the kiosk', () => {
  it('installs the newest bundle, shows it, tells staff and writes a receipt', async () => {
    const host = new FakeHost();
    const u = updater(host);
    await u.start();
    const path = await bundle(4);
    await u.handleStick({ stickDir: join(root, 'stick'), candidates: [{ path, version: 4, valid: true }], chosen: { path, version: 4, valid: true } });
    expect(u.installedVersion).toBe(4);
    expect(host.messages().at(-1)).toBe('Færdig – version 4 vises nu. Du kan tage USB-stikket ud.');
    expect(await readFile(join(root, 'stick', 'vores-sted-kvittering.txt'), 'utf8')).toMatch(/23-11-2026 kl\. 10:42 på kiosk test-kiosk/);
  });

  it('rolls back on its own when the new content does not come up on screen', async () => {
    const host = new FakeHost();
    const u = updater(host);
    await u.start();
    const v2 = await bundle(2);
    await u.handleStick({ stickDir: join(root, 'stick'), candidates: [], chosen: null });
    await u.handleStick({ stickDir: join(root, 'stick'), candidates: [{ path: v2, version: 2, valid: true }], chosen: { path: v2, version: 2, valid: true } });
    host.shows = false;
    const v3 = await bundle(3);
    await u.handleStick({ stickDir: join(root, 'stick'), candidates: [{ path: v3, version: 3, valid: true }], chosen: { path: v3, version: 3, valid: true } });
    expect(u.installedVersion).toBe(2);
    expect((await readCurrent(join(root, 'data')))?.version).toBe(2);
    expect(host.messages().at(-1)).toMatch(/^Version 3 blev installeret, men rullet tilbage.*Kiosken viser igen version 2\.$/);
    expect(host.loaded.at(-1)).toMatch(/2$/);
  });

  it('says so when the stick has nothing newer, and why a bundle cannot be used', async () => {
    const host = new FakeHost();
    const u = updater(host);
    await u.start();
    const path = await bundle(1);
    await u.handleStick({ stickDir: join(root, 'stick'), candidates: [{ path, version: 1, valid: true }], chosen: null });
    expect(host.messages().at(-1)).toMatch(/har ikke nyere indhold/);
    await writeFile(join(root, 'stick', 'broken.vsb'), 'not a zip');
    await u.handleStick({
      stickDir: join(root, 'stick'),
      candidates: [{ path: join(root, 'stick', 'broken.vsb'), version: null, valid: false, reason: { code: 'not-a-zip' } as never }],
      chosen: null,
    });
    expect(host.messages().at(-1)).toMatch(/^Indholdet på USB-stikket kan ikke bruges: .* Kiosken viser stadig det hidtidige indhold\.$/);
  });

  it('starts on the built-in content when nothing is installed, and on the installed version after a restart', async () => {
    const host = new FakeHost();
    host.content = await loadContent('content');
    const first = updater(host);
    expect((await first.start()).ok).toBe(true);
    // Nothing installed: the built-in content the host already shows is not read a second time.
    expect(host.loaded).toEqual([]);
    const path = await bundle(7);
    await first.handleStick({ stickDir: join(root, 'stick'), candidates: [{ path, version: 7, valid: true }], chosen: { path, version: 7, valid: true } });
    const again = new FakeHost();
    const second = updater(again);
    await second.start();
    expect(second.installedVersion).toBe(7);
    expect(again.loaded).toHaveLength(1);
    expect(again.loaded[0]).toMatch(/7$/);
  });
});
