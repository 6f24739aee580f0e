import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { DoctorSystem } from '../../../electron/cli/doctor.js';
import { main } from '../../../electron/cli/main.js';
import { generateKeyPair } from '../../../electron/core/bundle/index.js';

// `vores-sted doctor`: one line per check, ✓ / ✗ (with what to do) / – (not checked), Danish by default.
// The machine is injected (DoctorSystem), so every line can be made to pass and to fail here.

const projectRoot = resolve(import.meta.dirname, '../../..');
const GiB = 1024 ** 3;
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

/** A kiosk where everything is right. */
function healthy(over: Partial<DoctorSystem> = {}): Partial<DoctorSystem> {
  return {
    platform: 'linux',
    nodeVersion: '22.12.0',
    now: () => new Date('2026-11-23T09:42:00Z'),
    timeZone: () => 'Europe/Copenhagen',
    freeBytes: async () => 20 * GiB,
    connectedDisplays: async () => ['HDMI-A-1'],
    gpuDevices: async () => ['/dev/dri/renderD128'],
    mountRoots: async () => ['/media/vores-sted/sdb1'],
    findChromium: () => '/usr/bin/chromium',
    findElectron: () => null,
    readCurrent: async (dataDir) => ({ version: 7, dir: join(dataDir, 'versions', '7') }),
    exists: () => false,
    ...over,
  };
}

async function kiosk(config?: Record<string, unknown> | string) {
  const dir = await mkdtemp(join(tmpdir(), 'vs-doctor-'));
  made.push(dir);
  const key = await generateKeyPair(join(dir, 'nøgler'));
  if (!key.ok) throw new Error('no key');
  const body = config ?? { dataDir: join(dir, 'data'), bundles: { trustedKeys: [key.publicKeyBase64] } };
  await writeFile(join(dir, 'config.json'), typeof body === 'string' ? body : JSON.stringify(body));
  const env: Record<string, string | undefined> = { VORES_STED_CONFIG: join(dir, 'config.json') };
  const doctor = async (system: Partial<DoctorSystem>, args = '', extraEnv: Record<string, string> = {}) => {
    const out: string[] = [];
    const code = await main(['doctor', ...args.split(' ').filter(Boolean)], { stdout: (t) => void out.push(t), stderr: (t) => void out.push(t), cwd: dir }, {
      env: { ...env, ...extraEnv }, projectRoot, system,
    });
    return { code, lines: out.join('\n').split('\n') };
  };
  return { dir, key, doctor };
}

const line = (lines: string[], label: RegExp) => lines.find((l) => label.test(l.slice(2))) ?? '(no such line)';

describe('vores-sted doctor on a healthy kiosk', () => {
  it('prints one ✓ or – line per check and "Alt er i orden." (exit 0)', async () => {
    const { dir, key, doctor } = await kiosk();
    const { code, lines } = await doctor(healthy());
    expect(lines).toEqual([
      'Vores Sted – kontrol af kiosken',
      '✓ Node.js 22.12.0',
      `✓ Konfiguration: ${join(dir, 'config.json')} er i orden`,
      '✓ Skærm: tilsluttet (HDMI-A-1)',
      '✓ Chromium: /usr/bin/chromium',
      '– Electron: findes ikke her – kiosken bruger Chromium',
      '– WebGL: ikke kontrolleret (kræver et browservindue); grafikkort: /dev/dri/renderD128',
      `✓ Diskplads: 20,0 GB fri til ${join(dir, 'data')}`,
      `✓ Offentlige nøgler: 1 (nøgle-id ${key.keyId})`,
      `✓ Indhold: version 7 fra USB er installeret (${join(dir, 'data', 'versions', '7')})`,
      '✓ USB-stik: overvåger /media/*/*, /run/media/*/*, /mnt/*; nu: /media/vores-sted/sdb1',
      '✓ Ur: 2026-11-23 10:42 (Europe/Copenhagen)',
      'Alt er i orden.',
    ]);
    expect(code).toBe(0);
  });

  it('speaks English with --lang en', async () => {
    const { doctor } = await kiosk();
    const { code, lines } = await doctor(healthy(), '--lang en');
    expect(code).toBe(0);
    expect(lines[0]).toBe('Vores Sted – kiosk check');
    expect(lines).toContain('✓ Screen: connected (HDMI-A-1)');
    expect(lines).toContain('– WebGL: not checked (needs a browser window); graphics device: /dev/dri/renderD128');
    expect(lines).toContain('✓ Clock: 2026-11-23 10:42 (Europe/Copenhagen)');
    expect(lines.at(-1)).toBe('Everything is fine.');
  });

  it('shows the built-in content when nothing came from USB, and the extra bundle folder among the watched ones', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'vs-doctor-'));
    made.push(dir);
    const key = await generateKeyPair(dir);
    if (!key.ok) throw new Error('no key');
    const { doctor } = await kiosk({ dataDir: join(dir, 'data'), bundles: { trustedKeys: [key.publicKeyBase64], extraBundleFolder: '/srv/pakker' } });
    const { lines } = await doctor(healthy({ readCurrent: async () => null, mountRoots: async () => ['/srv/pakker'] }));
    expect(line(lines, /^Indhold/)).toBe('✓ Indhold: intet USB-indhold installeret – det indbyggede indhold (version 1) vises');
    expect(line(lines, /^USB-stik/)).toBe('✓ USB-stik: overvåger /media/*/*, /run/media/*/*, /mnt/*, /srv/pakker; nu: /srv/pakker');
  });
});

describe('vores-sted doctor: each ✗ says what to do (exit 1)', () => {
  it.each<[string, Partial<DoctorSystem>, RegExp, string]>([
    ['old Node.js', { nodeVersion: '18.19.0' }, /^Node/, '✗ Node.js 18.19.0 er for gammel – installér Node.js 20.19 eller nyere (se docs/install.md)'],
    ['no screen', { connectedDisplays: async () => [] }, /^Skærm/, '✗ Skærm: ingen skærm tilsluttet – kontrollér kablet, og at skærmen er tændt'],
    ['no browser', { findChromium: () => null }, /^Chromium/, '✗ Chromium: findes ikke – kør: sudo apt-get install -y chromium'],
    ['a full disk', { freeBytes: async () => 0.4 * GiB }, /^Diskplads/, '✗ Diskplads: kun 0,4 GB fri til DATA – frigør plads (mindst 1 GB til USB-opdateringer)'],
    ['a damaged current.json', { readCurrent: async () => null, exists: (path) => path.endsWith('current.json') }, /^Indhold/,
      '✗ Indhold: DATA/current.json kan ikke bruges – kiosken reparerer den ved næste start; hjælper det ikke, så slet filen'],
    ['a clock in 2001', { now: () => new Date('2001-01-01T12:00:00Z') }, /^Ur/,
      '✗ Ur: uret står på år 2001 – slå automatisk tid til (sudo timedatectl set-ntp true) eller sæt tiden: sudo timedatectl set-time "ÅÅÅÅ-MM-DD TT:MM"'],
    ['UTC', { timeZone: () => 'UTC' }, /^Ur/, '✗ Ur: tidszonen er UTC, ikke Europe/Copenhagen – kør: sudo timedatectl set-timezone Europe/Copenhagen'],
    ['UTC on Windows', { platform: 'win32', timeZone: () => 'UTC' }, /^Ur/, '✗ Ur: tidszonen er UTC, ikke Europe/Copenhagen – kør: tzutil /s "Romance Standard Time"'],
  ])('%s', async (_name, over, label, expected) => {
    const { dir, doctor } = await kiosk();
    const { code, lines } = await doctor(healthy(over));
    expect(line(lines, label)).toBe(expected.replace('DATA', join(dir, 'data')));
    expect(lines.filter((l) => l.startsWith('✗'))).toHaveLength(1);
    expect(lines.at(-1)).toBe('1 ting skal rettes (✗).');
    expect(code).toBe(1);
  });

  it('a config without a public key: USB updates are off, with how to make a key', async () => {
    const { doctor } = await kiosk({ port: 8350 });
    const { code, lines } = await doctor(healthy());
    expect(line(lines, /^Offentlige/)).toBe('✗ Offentlige nøgler: ingen – USB-opdateringer er slået fra. Lav nøgler med "npx vores-sted keys new", og skriv den offentlige nøgle i bundles.trustedKeys');
    expect(line(lines, /^USB-stik/)).toBe('– USB-stik: overvåges ikke (ingen offentlig nøgle i konfigurationen)');
    expect(code).toBe(1);
  });

  it('a wrong config: the kiosk\'s own sentence, and what cannot be checked without it', async () => {
    const { doctor } = await kiosk('{"port": "otte"}');
    const { code, lines } = await doctor(healthy());
    expect(line(lines, /^Konfiguration/)).toMatch(/^✗ Konfiguration: Konfigurationsfilen .*config\.json: feltet „port“ skal være et tal\. Ret filen, og kør "vores-sted check-config"\.$/);
    expect(line(lines, /^Offentlige/)).toBe('– Offentlige nøgler: ikke kontrolleret (konfigurationen kan ikke læses)');
    expect(code).toBe(1);
  });
});

describe('vores-sted doctor: lines that are not errors', () => {
  it('a screen server without DRM information counts as a screen', async () => {
    const { doctor } = await kiosk();
    const { lines } = await doctor(healthy({ connectedDisplays: async () => null }), '', { WAYLAND_DISPLAY: 'wayland-0' });
    expect(line(lines, /^Skærm/)).toBe('✓ Skærm: skærmserver fundet (WAYLAND_DISPLAY=wayland-0)');
  });

  it('with Electron, Chromium is not needed', async () => {
    const { doctor } = await kiosk();
    const { code, lines } = await doctor(healthy({ findChromium: () => null, findElectron: () => '/opt/electron/electron' }));
    expect(line(lines, /^Chromium/)).toBe('– Chromium: findes ikke (ikke nødvendig: Electron bruges)');
    expect(line(lines, /^Electron/)).toBe('✓ Electron: /opt/electron/electron');
    expect(code).toBe(0);
  });

  it('no GPU, or software rendering: WebGL is still "not checked", with what that means', async () => {
    const { doctor } = await kiosk();
    expect(line((await doctor(healthy({ gpuDevices: async () => [] }))).lines, /^WebGL/))
      .toBe('– WebGL: ikke kontrolleret; intet grafikkort (/dev/dri/renderD*) fundet – kortet tegnes af CPU\'en og kan blive langsomt');
    const soft = await kiosk({ softwareRendering: true });
    expect(line((await soft.doctor(healthy())).lines, /^WebGL/)).toBe('– WebGL: ikke kontrolleret; softwareRendering er slået til, så kortet tegnes af CPU\'en');
  });

  it('Windows: the screen is not checked, sticks are drive letters', async () => {
    const { doctor } = await kiosk();
    const { lines } = await doctor(healthy({ platform: 'win32', mountRoots: async () => ['E:\\'] }));
    expect(line(lines, /^Skærm/)).toBe('– Skærm: ikke kontrolleret (Windows/macOS viser selv skrivebordet)');
    expect(line(lines, /^USB-stik/)).toBe('✓ USB-stik: overvåger D:\\ … Z:\\; nu: E:\\');
  });
});

describe('vores-sted doctor: usage and the real machine', () => {
  it('takes no arguments and no foreign options (exit 2)', async () => {
    const { doctor } = await kiosk();
    expect((await doctor(healthy(), 'now')).code).toBe(2);
    expect((await doctor(healthy(), '--out x')).code).toBe(2);
  });

  it('runs against this machine without throwing: every line has a mark', async () => {
    const { doctor } = await kiosk();
    const { code, lines } = await doctor({});
    expect([0, 1]).toContain(code);
    expect(lines[0]).toBe('Vores Sted – kontrol af kiosken');
    const checks = lines.slice(1, -1);
    expect(checks).toHaveLength(11);
    for (const l of checks) expect(l).toMatch(/^[✓✗–] \S/);
  });
});
