import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, readFile, readlink, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { generateKeyPair } from '../../../electron/core/bundle/index.js';
import { listFiles } from './glob.ts';

// build/linux/install.sh and uninstall.sh, run for real but never on this machine's system: --dry-run
// against the live system (which must change nothing and plan the same twice), and --root <tmp> for a
// real install into a throw-away folder (which a second run must leave untouched).

const root = resolve(import.meta.dirname, '../../..');
const installSh = join(root, 'build/linux/install.sh');
const uninstallSh = join(root, 'build/linux/uninstall.sh');

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.map((dir) => rm(dir, { recursive: true, force: true })));
});
async function tempDir(prefix: string): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/**
 * A built checkout as install.sh expects one, without building: stand-ins for dist/, the real content
 * manifest, and a bin/vores-sted.js that runs the real CLI from source (so check-config is the real one).
 */
async function fakeCheckout(): Promise<string> {
  const dir = await tempDir('vs-checkout-');
  const files: Record<string, string> = {
    'dist/electron/kiosk/start.js': '// stand-in\n',
    'dist/electron/cli/vores-sted.js': '// stand-in\n',
    'dist/renderer/index.html': '<!doctype html>\n',
    'content/manifest.json': await readFile(join(root, 'content/manifest.json'), 'utf8'),
    'content/sources/original.txt': 'kept for reference, never installed\n',
    'package.json': '{ "name": "vores-sted", "version": "0.1.0", "type": "module" }\n',
    'bin/vores-sted.js': [
      "import { spawnSync } from 'node:child_process';",
      `const result = spawnSync(process.execPath, ['--import', 'tsx', ${JSON.stringify(join(root, 'electron/cli/vores-sted.ts'))}, ...process.argv.slice(2)], { stdio: 'inherit', cwd: ${JSON.stringify(root)} });`,
      'process.exit(result.status ?? 1);',
      '',
    ].join('\n'),
  };
  for (const [path, text] of Object.entries(files)) {
    await mkdir(join(dir, path, '..'), { recursive: true });
    await writeFile(join(dir, path), text);
  }
  return dir;
}

function run(script: string, args: string[]) {
  const result = spawnSync('bash', [script, ...args], { encoding: 'utf8', env: { ...process.env, VORES_STED_LOG_LEVEL: 'silent' } });
  return { status: result.status, out: result.stdout, err: result.stderr };
}

async function keys() {
  const dir = await tempDir('vs-keys-');
  const made = await generateKeyPair(dir);
  if (!made.ok) throw new Error('no key');
  return made;
}

/** Every file and symlink under `dir` with its size, mode and mtime: equal snapshots = nothing touched. */
async function snapshot(dir: string): Promise<string[]> {
  const files = await listFiles(dir, dir);
  const rows = await Promise.all(files.map(async (f) => {
    const info = await stat(join(dir, f.path));
    return `${f.path} ${info.size} ${(info.mode & 0o7777).toString(8)} ${info.mtimeMs}`;
  }));
  return rows.sort();
}

describe('install.sh --dry-run on this machine', () => {
  it('prints the same plan twice and changes nothing', async () => {
    const checkout = await fakeCheckout();
    const key = await keys();
    const args = ['--dry-run', '--source', checkout, '--public-key', key.publicKeyBase64];
    const livePaths = ['/etc/vores-sted', '/opt/vores-sted', '/etc/systemd/system/vores-sted.service', '/etc/chromium/policies/managed/vores-sted.json', '/usr/local/bin/vores-sted'];
    const present = () => livePaths.map((path) => `${path}: ${existsSync(path)}`);
    const before = present();
    const first = run(installSh, args);
    expect(first.err).toBe('');
    expect(first.status).toBe(0);
    const second = run(installSh, args);
    expect(second).toEqual(first);
    expect(first.out).toMatch(/^vores-sted install: plan \(--dry-run/);
    expect(first.out).toMatch(/^[=~] \/etc\/vores-sted\/config\.json$/m);
    expect(first.out).toMatch(/^[=~] \/etc\/chromium\/policies\/managed\/vores-sted\.json$/m);
    expect(first.out).toMatch(/^[=~] \/etc\/systemd\/system\/vores-sted\.service$/m);
    expect(present()).toEqual(before);
  }, 60_000);
});

describe('install.sh --root: a real install into a folder', () => {
  it('installs every file with its mode, the config with the key, and enables the service', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    const key = await keys();
    const result = run(installSh, ['--root', target, '--source', checkout, '--public-key', key.publicKeyPath]);
    expect(result.err).toBe('');
    expect(result.status).toBe(0);
    expect(result.out).toMatch(/Færdig: \d+ ændring\(er\)\./);

    const modes: Record<string, number> = {
      'etc/systemd/system/vores-sted.service': 0o644,
      'etc/systemd/system/vores-sted-usb@.service': 0o644,
      'etc/udev/rules.d/90-vores-sted-usb.rules': 0o644,
      'etc/pam.d/vores-sted': 0o644,
      'etc/chromium/policies/managed/vores-sted.json': 0o644,
      'etc/chromium.d/vores-sted': 0o644,
      'etc/usbguard/rules.conf': 0o600,
      'etc/vores-sted/config.json': 0o644,
      'etc/vores-sted/environment': 0o644,
      'opt/vores-sted/libexec/vores-sted-display': 0o755,
      'opt/vores-sted/libexec/vores-sted-session': 0o755,
      'opt/vores-sted/libexec/vores-sted-usb': 0o755,
      'usr/local/bin/vores-sted': 0o755,
    };
    for (const [path, mode] of Object.entries(modes)) expect((await stat(join(target, path))).mode & 0o777, path).toBe(mode);
    expect((await stat(join(target, 'var/lib/vores-sted'))).mode & 0o777).toBe(0o750);

    // The PEM file was turned into the base64 line the kiosk config takes.
    const config = JSON.parse(await readFile(join(target, 'etc/vores-sted/config.json'), 'utf8'));
    // A public kiosk: logs where the unit may write them, and never the staff editor.
    expect(config).toEqual({
      bundles: { trustedKeys: [key.publicKeyBase64] }, port: 8350, dataDir: '/var/lib/vores-sted',
      logs: { dir: '/var/log/vores-sted' }, editor: { enabled: false },
    });
    const environment = await readFile(join(target, 'etc/vores-sted/environment'), 'utf8');
    expect(environment).toMatch(/^VORES_STED_DISPLAY=cage$/m);
    expect(environment).toMatch(/^XDG_SESSION_TYPE=wayland$/m);
    expect(environment).toMatch(/^VORES_STED_NODE=\/.+node$/m);

    // The app: what the checkout had, without content/sources.
    expect(existsSync(join(target, 'opt/vores-sted/app/dist/electron/kiosk/start.js'))).toBe(true);
    expect(existsSync(join(target, 'opt/vores-sted/app/content/manifest.json'))).toBe(true);
    expect(existsSync(join(target, 'opt/vores-sted/app/content/sources'))).toBe(false);
    expect(await readlink(join(target, 'etc/systemd/system/multi-user.target.wants/vores-sted.service'))).toBe('/etc/systemd/system/vores-sted.service');
    const usbguard = await readFile(join(target, 'etc/usbguard/rules.conf'), 'utf8');
    expect(usbguard).toContain('block with-interface one-of { 03:01:01 }');
  }, 60_000);

  it('changes nothing on a second run, and its dry-run plan says so line by line', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    const key = await keys();
    const args = ['--root', target, '--source', checkout, '--public-key', key.publicKeyBase64];
    expect(run(installSh, args).status).toBe(0);
    const before = await snapshot(target);

    const again = run(installSh, args);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/Intet at ændre – Vores Sted er installeret\./);
    expect(await snapshot(target)).toEqual(before);

    const plan = run(installSh, [...args, '--dry-run']);
    expect(plan.status).toBe(0);
    const steps = plan.out.split('\n').filter((line) => /^[=~+-] /.test(line));
    expect(steps.length).toBeGreaterThan(15);
    expect(steps.filter((line) => line.startsWith('~ ') || line.startsWith('+ '))).toEqual([]);
    expect(await snapshot(target)).toEqual(before);

    // Someone edits an installed file: the plan names exactly that file, and a run puts it back.
    await writeFile(join(target, 'etc/chromium/policies/managed/vores-sted.json'), '{}\n');
    const drift = run(installSh, [...args, '--dry-run']);
    expect(drift.out.split('\n').filter((line) => line.startsWith('~ '))).toEqual(['~ /etc/chromium/policies/managed/vores-sted.json']);
    expect(run(installSh, args).status).toBe(0);
    expect(JSON.parse(await readFile(join(target, 'etc/chromium/policies/managed/vores-sted.json'), 'utf8'))).toHaveProperty('URLBlocklist', ['*']);
  }, 90_000);

  it('keeps what IT put in an existing config and adds a second key once (key change-over)', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    const [oldKey, newKey] = [await keys(), await keys()];
    await mkdir(join(target, 'etc/vores-sted'), { recursive: true });
    await writeFile(join(target, 'etc/vores-sted/config.json'), JSON.stringify({ kioskId: 'hvalsoe-bibliotek', idleTimeoutSeconds: 120, bundles: { trustedKeys: [oldKey.publicKeyBase64] } }));
    for (let i = 0; i < 2; i += 1) {
      expect(run(installSh, ['--root', target, '--source', checkout, '--public-key', newKey.publicKeyBase64, '--display', 'x11']).status).toBe(0);
    }
    const config = JSON.parse(await readFile(join(target, 'etc/vores-sted/config.json'), 'utf8'));
    expect(config).toEqual({
      kioskId: 'hvalsoe-bibliotek', idleTimeoutSeconds: 120, port: 8350, dataDir: '/var/lib/vores-sted',
      logs: { dir: '/var/log/vores-sted' }, editor: { enabled: false },
      bundles: { trustedKeys: [oldKey.publicKeyBase64, newKey.publicKeyBase64] },
    });
    expect(await readFile(join(target, 'etc/vores-sted/environment'), 'utf8')).toMatch(/^VORES_STED_DISPLAY=x11\nXDG_SESSION_TYPE=x11$/m);
    // Without --public-key, the key already in the config is enough.
    expect(run(installSh, ['--root', target, '--source', checkout, '--display', 'x11']).out).toMatch(/Intet at ændre/);
  }, 90_000);

  it('refuses, in one sentence, a missing key, a wrong key, an old Node.js and an unbuilt checkout', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    const noKey = run(installSh, ['--root', target, '--source', checkout]);
    expect(noKey.status).toBe(2);
    expect(noKey.err).toMatch(/--public-key mangler: lav nøgler med "npx vores-sted keys new"/);

    const badKey = run(installSh, ['--root', target, '--source', checkout, '--public-key', 'not-a-key']);
    expect(badKey.status).toBe(2);
    expect(badKey.err).toMatch(/--public-key er ikke en offentlig Vores Sted-nøgle/);

    const oldNode = join(await tempDir('vs-node-'), 'node');
    await writeFile(oldNode, '#!/bin/sh\necho v18.19.0\n');
    await chmod(oldNode, 0o755);
    const tooOld = run(installSh, ['--root', target, '--source', checkout, '--node', oldNode, '--public-key', (await keys()).publicKeyBase64]);
    expect(tooOld.status).toBe(3);
    expect(tooOld.err).toMatch(/Node\.js 18\.19\.0 er for gammel – kiosken kræver 20\.19 eller nyere/);

    await rm(join(checkout, 'dist'), { recursive: true });
    const unbuilt = run(installSh, ['--root', target, '--source', checkout, '--public-key', (await keys()).publicKeyBase64]);
    expect(unbuilt.status).toBe(3);
    expect(unbuilt.err).toMatch(/mangler – kør først: npm ci && npm run build/);
    expect(await listFiles(target, target)).toEqual([]);
  }, 60_000);
});

describe('uninstall.sh --root', () => {
  it('removes every file install.sh put there, and a second run finds nothing to remove', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    expect(run(installSh, ['--root', target, '--source', checkout, '--public-key', (await keys()).publicKeyBase64]).status).toBe(0);
    expect((await listFiles(target, target)).length).toBeGreaterThan(10);

    const plan = run(uninstallSh, ['--root', target, '--dry-run']);
    expect(plan.status).toBe(0);
    expect((await listFiles(target, target)).length).toBeGreaterThan(10);

    const removed = run(uninstallSh, ['--root', target]);
    expect(removed.err).toBe('');
    expect(removed.status).toBe(0);
    expect(await listFiles(target, target)).toEqual([]);
    expect(existsSync(join(target, 'etc/systemd/system/multi-user.target.wants/vores-sted.service'))).toBe(false);

    const again = run(uninstallSh, ['--root', target]);
    expect(again.status).toBe(0);
    expect(again.out).toMatch(/Intet at fjerne/);
  }, 60_000);

  it('restores the USBGuard policy that was there before the install', async () => {
    const checkout = await fakeCheckout();
    const target = await tempDir('vs-root-');
    await mkdir(join(target, 'etc/usbguard'), { recursive: true });
    await writeFile(join(target, 'etc/usbguard/rules.conf'), 'allow id 1d6b:0002\n', { mode: 0o600 });
    expect(run(installSh, ['--root', target, '--source', checkout, '--public-key', (await keys()).publicKeyBase64]).status).toBe(0);
    expect(await readFile(join(target, 'etc/usbguard/rules.conf'), 'utf8')).toMatch(/Vores Sted – USBGuard policy/);
    expect(run(uninstallSh, ['--root', target]).status).toBe(0);
    expect(await readFile(join(target, 'etc/usbguard/rules.conf'), 'utf8')).toBe('allow id 1d6b:0002\n');
  }, 60_000);
});
