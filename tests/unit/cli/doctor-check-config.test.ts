import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../../electron/cli/main.js';
import { generateKeyPair } from '../../../electron/core/bundle/index.js';

// `vores-sted check-config [--config <file>]`: the config the kiosk would run with, defaults filled in,
// or the one sentence that says what is wrong. The environment is injected, never process.env.

const projectRoot = resolve(import.meta.dirname, '../../..');
const made: string[] = [];
afterEach(async () => {
  await Promise.all(made.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

async function workspace(env: Record<string, string | undefined> = {}) {
  const cwd = await mkdtemp(join(tmpdir(), 'vs-check-config-'));
  made.push(cwd);
  const out: string[] = [];
  const err: string[] = [];
  const deps: CliDeps = { env, projectRoot };
  const run = (args: string) => main(args.split(' ').filter(Boolean), { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), cwd }, deps);
  const take = () => ({ out: out.splice(0).join('\n'), err: err.splice(0).join('\n') });
  return { cwd, run, take, env };
}

/** The JSON block check-config prints after its sentences. */
function effective(out: string): Record<string, unknown> {
  const at = out.indexOf('\n{\n');
  expect(at).toBeGreaterThan(0);
  return JSON.parse(out.slice(at + 1)) as Record<string, unknown>;
}

describe('vores-sted check-config', () => {
  it('without a file: says so and prints the defaults', async () => {
    const { run, take } = await workspace();
    expect(await run('check-config')).toBe(0);
    const { out } = take();
    expect(out.split('\n').slice(0, 3)).toEqual([
      'Der er ingen konfigurationsfil (hverken --config eller VORES_STED_CONFIG er givet): kiosken bruger standardværdierne.',
      'USB-opdateringer er slået fra: konfigurationen har ingen bundles-sektion med en offentlig nøgle.',
      'Den gældende konfiguration (standardværdier udfyldt):',
    ]);
    expect(effective(out)).toMatchObject({
      port: 8350, idleTimeoutSeconds: 90, maxDevicePixelRatio: 1.5, reducedMotion: false, softwareRendering: false,
      kioskMode: true, healthCheckSeconds: 30, testBridge: false, contentDir: join(projectRoot, 'content'), configPath: null,
    });
  });

  it('with --config: the file (relative to where it is run), its keys, and paths resolved from the file\'s folder', async () => {
    const { cwd, run, take } = await workspace();
    const key = await generateKeyPair(join(cwd, 'nøgler'));
    if (!key.ok) throw new Error('no key');
    await writeFile(join(cwd, 'config.json'), JSON.stringify({ kioskId: 'hvalsoe', dataDir: 'data', bundles: { trustedKeys: [key.publicKeyBase64] } }));
    expect(await run('check-config --config config.json')).toBe(0);
    const { out } = take();
    expect(out.split('\n').slice(0, 2)).toEqual([
      `Konfigurationen er i orden: ${join(cwd, 'config.json')}`,
      `USB-opdateringer: 1 betroet nøgle (nøgle-id ${key.keyId}).`,
    ]);
    expect(effective(out)).toMatchObject({ kioskId: 'hvalsoe', dataDir: join(cwd, 'data'), port: 8350, bundles: { trustedKeys: [key.publicKeyBase64] } });
  });

  it('reads VORES_STED_CONFIG like the kiosk, lets --config win, and names environment overrides', async () => {
    const ws = await workspace();
    await writeFile(join(ws.cwd, 'a.json'), '{"port": 8351}');
    await writeFile(join(ws.cwd, 'b.json'), '{"port": 8352}');
    const withEnv = await workspace({ VORES_STED_CONFIG: join(ws.cwd, 'a.json'), VORES_STED_IDLE_SECONDS: '12' });
    expect(await withEnv.run('check-config')).toBe(0);
    const first = withEnv.take().out;
    expect(effective(first)).toMatchObject({ port: 8351, idleTimeoutSeconds: 12, configPath: join(ws.cwd, 'a.json') });
    expect(first).toContain('Disse miljøvariabler ændrer filens værdier: VORES_STED_IDLE_SECONDS.');
    expect(await withEnv.run(`check-config --config ${join(ws.cwd, 'b.json')}`)).toBe(0);
    expect(effective(withEnv.take().out)).toMatchObject({ port: 8352 });
  });

  it.each([
    ['{"portt": 8350}', /^Konfigurationen er forkert: Konfigurationsfilen .*config\.json: feltet „portt“/],
    ['{"port": "8350"}', /^Konfigurationen er forkert: Konfigurationsfilen .*: feltet „port“ skal være et tal\.$/],
    ['{"port": 8350', /^Konfigurationen er forkert: Konfigurationsfilen .* er ikke gyldig JSON\.$/],
    ['{"bundles": {"trustedKeys": ["abc"]}}', /^Konfigurationen er forkert: Konfigurationen af USB-opdateringer \(bundles\) er forkert: trustedKeys\.0: /],
  ])('refuses %s with one Danish sentence (exit 1)', async (text, message) => {
    const { cwd, run, take } = await workspace();
    await writeFile(join(cwd, 'config.json'), text);
    expect(await run('check-config --config config.json')).toBe(1);
    const { out, err } = take();
    expect(out).toBe('');
    expect(err).toMatch(message);
  });

  it('says a missing file cannot be read, in English with --lang en', async () => {
    const { run, take } = await workspace();
    expect(await run('check-config --config findes-ikke.json --lang en')).toBe(1);
    expect(take().err).toMatch(/^The config is wrong: Config file .*findes-ikke\.json cannot be read \(ENOENT\)\.$/);
  });

  it('takes no other options or arguments (exit 2)', async () => {
    const { run, take } = await workspace();
    expect(await run('check-config extra')).toBe(2);
    expect(take().err).toMatch(/Ukendt kommando\./);
    expect(await run('check-config --key x')).toBe(2);
    expect(take().err).toMatch(/Ugyldigt tilvalg \(--key\)\./);
  });

  it('is listed in the help, in both languages', async () => {
    const { run, take } = await workspace();
    await run('--help');
    expect(take().out).toMatch(/vores-sted check-config \[--config <config\.json>\]\n {6}Viser den konfiguration/);
    await run('--help --lang en');
    expect(take().out).toMatch(/vores-sted doctor \[--config <config\.json>\]\n {6}Checks the kiosk/);
  });
});
