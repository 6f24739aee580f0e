import { mkdir, writeFile } from 'node:fs/promises';
import { isAbsolute, join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, type KioskConfig } from '../../../electron/core/config.js';
import { isDanish, isEnglish, projectRoot, tempDirs } from './support.js';

const dirs = tempDirs();
afterEach(dirs.cleanup);

/** Writes `contents` (an object, or raw text) as a config file and returns its path. */
async function configFile(contents: unknown): Promise<string> {
  const path = join(await dirs.make('vores-sted-config-'), 'config.json');
  await writeFile(path, typeof contents === 'string' ? contents : JSON.stringify(contents));
  return path;
}

function load(env: Record<string, string | undefined> = {}): Promise<KioskConfig> {
  return loadConfig({ env, projectRoot });
}

/** The ConfigError a load fails with (the test fails if it loads). */
async function configError(env: Record<string, string | undefined>): Promise<ConfigError> {
  const error = await load(env).then(
    () => null,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(ConfigError);
  return error as ConfigError;
}

function expectBilingual(error: ConfigError): void {
  expect(isDanish(error.messageDa), `not plain Danish: ${error.messageDa}`).toBe(true);
  expect(isEnglish(error.messageEn), `not plain English: ${error.messageEn}`).toBe(true);
  expect(error.message).toBe(error.messageEn);
}

describe('loadConfig without a config file', () => {
  it('runs on defaults: full-screen kiosk on port 8350, built-in content, no test bridge', async () => {
    const config = await load();
    expect(config).toMatchObject({
      port: 8350,
      idleTimeoutSeconds: 90,
      maxDevicePixelRatio: 1.5,
      reducedMotion: false,
      softwareRendering: false,
      kioskMode: true,
      testBridge: false,
      configPath: null,
      contentDir: resolve(projectRoot, 'content'),
    });
    expect(config.kioskId).toMatch(/^[\w.-]{1,64}$/);
    expect(isAbsolute(config.dataDir)).toBe(true);
    expect(config.chromiumPath).toBeUndefined();
  });
});

describe('loadConfig with a config file', () => {
  it('takes the fields IT set and defaults for the rest', async () => {
    const path = await configFile({ kioskId: 'lejre-bibliotek-1', port: 9001, reducedMotion: true, kioskMode: false });
    const config = await load({ VORES_STED_CONFIG: path });
    expect(config).toMatchObject({ kioskId: 'lejre-bibliotek-1', port: 9001, reducedMotion: true, kioskMode: false, idleTimeoutSeconds: 90 });
    expect(config.configPath).toBe(path);
  });

  it('reads relative folders in the file relative to the file, not to where the kiosk was started', async () => {
    const path = await configFile({ contentDir: 'indhold', dataDir: '../data' });
    const config = await load({ VORES_STED_CONFIG: path });
    expect(config.contentDir).toBe(resolve(path, '..', 'indhold'));
    expect(config.dataDir).toBe(resolve(path, '..', '..', 'data'));
  });

  it('accepts a file saved with a UTF-8 byte order mark (Windows Notepad)', async () => {
    const path = await configFile(`\uFEFF${JSON.stringify({ port: 9002 })}`);
    expect((await load({ VORES_STED_CONFIG: path })).port).toBe(9002);
  });

  it('a field of the wrong type stops the kiosk with a message naming the field', async () => {
    const error = await configError({ VORES_STED_CONFIG: await configFile({ port: '8080' }) });
    expect(error.messageDa).toMatch(/feltet „port“ skal være et tal/);
    expect(error.messageEn).toMatch(/field "port"/);
    expectBilingual(error);
  });

  it('a value out of range names the field and the limit', async () => {
    const error = await configError({ VORES_STED_CONFIG: await configFile({ idleTimeoutSeconds: 2 }) });
    expect(error.messageDa).toMatch(/„idleTimeoutSeconds“ skal være mindst 5/);
    expect(error.messageEn).toMatch(/idleTimeoutSeconds/);
    expectBilingual(error);
  });

  it('a misspelt field is called an unknown field, not a wrong value', async () => {
    const error = await configError({ VORES_STED_CONFIG: await configFile({ prot: 9000 }) });
    expect(error.messageDa).toMatch(/„prot“ er ikke et kendt felt/);
    expect(error.messageEn).toMatch(/field "prot": unknown field/);
    expectBilingual(error);
  });

  it('a file that is not a JSON object', async () => {
    const error = await configError({ VORES_STED_CONFIG: await configFile('[1, 2]') });
    expect(error.messageDa).toMatch(/gruppe af felter/);
    expectBilingual(error);
  });

  it('a file that cannot be read names the path and the reason', async () => {
    const error = await configError({ VORES_STED_CONFIG: '/nonexistent/vores-sted.json' });
    expect(error.messageDa).toContain('/nonexistent/vores-sted.json');
    expect(error.messageDa).toMatch(/kan ikke læses \(ENOENT\)/);
    expect(error.messageEn).toMatch(/cannot be read \(ENOENT\)/);
    expectBilingual(error);
  });

  it('a folder given as the config file', async () => {
    const folder = await dirs.make();
    await mkdir(join(folder, 'config.json'));
    const error = await configError({ VORES_STED_CONFIG: join(folder, 'config.json') });
    expect(error.messageEn).toMatch(/EISDIR/);
    expectBilingual(error);
  });

  it('invalid JSON', async () => {
    const error = await configError({ VORES_STED_CONFIG: await configFile('{ "port": 8350, }') });
    expect(error.messageDa).toMatch(/ikke gyldig JSON/);
    expect(error.messageEn).toMatch(/not valid JSON/);
    expectBilingual(error);
  });
});

describe('environment overrides (tests, benchmarks, IT debugging)', () => {
  it('VORES_STED_PORT, VORES_STED_CONTENT, VORES_STED_IDLE_SECONDS and VORES_STED_TEST_BRIDGE win over the file', async () => {
    const path = await configFile({ port: 9001, idleTimeoutSeconds: 120, testBridge: false, contentDir: '/srv/indhold' });
    const config = await load({
      VORES_STED_CONFIG: path,
      VORES_STED_PORT: '0',
      VORES_STED_CONTENT: 'tests/fixtures/content',
      VORES_STED_IDLE_SECONDS: '7.5',
      VORES_STED_TEST_BRIDGE: '1',
    });
    expect(config.port).toBe(0);
    expect(config.contentDir).toBe(resolve('tests/fixtures/content'));
    expect(config.idleTimeoutSeconds).toBe(7.5);
    expect(config.testBridge).toBe(true);
  });

  it('only VORES_STED_TEST_BRIDGE=1 turns the test bridge on', async () => {
    expect((await load({ VORES_STED_TEST_BRIDGE: '0' })).testBridge).toBe(false);
    expect((await load({ VORES_STED_TEST_BRIDGE: 'true' })).testBridge).toBe(false);
    expect((await load({ VORES_STED_TEST_BRIDGE: '1' })).testBridge).toBe(true);
  });

  it('empty variables count as not set', async () => {
    const config = await load({ VORES_STED_PORT: '', VORES_STED_CONTENT: '', VORES_STED_IDLE_SECONDS: '' });
    expect(config.port).toBe(8350);
    expect(config.contentDir).toBe(resolve(projectRoot, 'content'));
    expect(config.idleTimeoutSeconds).toBe(90);
  });

  it.each([['abc'], ['-1'], ['65536'], ['80.5']])('VORES_STED_PORT=%s is refused', async (value) => {
    const error = await configError({ VORES_STED_PORT: value });
    expect(error.messageDa).toMatch(/VORES_STED_PORT skal være et helt tal fra 0 til 65535/);
    expect(error.messageEn).toMatch(/VORES_STED_PORT must be an integer from 0 to 65535/);
  });

  it('VORES_STED_IDLE_SECONDS may be shorter than a config file allows, for quick end-to-end tests', async () => {
    expect((await load({ VORES_STED_IDLE_SECONDS: '2' })).idleTimeoutSeconds).toBe(2);
  });

  it.each([['abc'], ['0'], ['-5'], ['0.5'], ['99999'], ['Infinity']])('VORES_STED_IDLE_SECONDS=%s is refused', async (value) => {
    const error = await configError({ VORES_STED_IDLE_SECONDS: value });
    expect(error.messageDa).toMatch(/VORES_STED_IDLE_SECONDS skal være et tal fra 1 til 3600/);
    expect(error.messageEn).toMatch(/VORES_STED_IDLE_SECONDS must be a number from 1 to 3600/);
  });
});
