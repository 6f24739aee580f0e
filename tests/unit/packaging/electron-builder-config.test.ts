import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import config, {
  FUSE_POLICY, RENDERER_ONLY_DEPENDENCIES, SIZE_BUDGET, type BuilderConfig,
} from '../../../build/electron-builder.config.ts';
import { buildOptions, isDownloadFailure } from '../../../build/package.ts';
import { compilePatterns, globToRegExp, listFiles, selected } from './glob.ts';

// The electron-builder config, checked as data (electron-builder itself is not installed here): targets,
// fuses, no auto-update, and – applied to the real project tree – what would go into the app.

const root = resolve(import.meta.dirname, '../../..');
const MiB = 1024 * 1024;

interface LockPackage {
  dev?: boolean;
  /** Dev dependency that is also an optional peer of a production one (typescript for valibot): not shipped. */
  devOptional?: boolean;
  optional?: boolean;
  dependencies?: Record<string, string>;
}
const lock = JSON.parse(await readFile(join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, LockPackage> };
const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};

/** node_modules folders (relative) of packages npm would install without --include=dev. */
const productionPackageDirs = Object.entries(lock.packages)
  .filter(([path, info]) => path.startsWith('node_modules/') && info.dev !== true && info.devOptional !== true)
  .map(([path]) => path);

/** A package and everything it needs, by name, from the lock file (top-level resolution is enough here). */
function closure(names: readonly string[]): Set<string> {
  const seen = new Set<string>();
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop() as string;
    if (seen.has(name)) continue;
    seen.add(name);
    const info = lock.packages[`node_modules/${name}`];
    for (const dep of Object.keys(info?.dependencies ?? {})) queue.push(dep);
  }
  return seen;
}

describe('electron-builder config: identity and targets', () => {
  it('is the Lejre kiosk, with Danish metadata', () => {
    expect(config.appId).toBe('dk.lejre.voresSted');
    expect(config.productName).toBe('Vores Sted');
    expect(config.extraMetadata['description']).toMatch(/^Vores Sted – berøringsskærm til Lejre Kommune/);
    expect(config.linux.synopsis).toMatch(/Lejre Kommune/);
    expect(config.linux.desktop.entry['Comment[da]']).toMatch(/Lejre Kommune/);
    expect(config.nsis.installerLanguages).toEqual(['da_DK']);
    expect(config.nsis.language).toBe('1030'); // Danish
  });

  it('builds AppImage and deb for x64 and arm64, and an NSIS installer for Windows', () => {
    const byTarget = (targets: BuilderConfig['linux']['target']) => Object.fromEntries(targets.map((t) => [t.target, [...t.arch].sort()]));
    expect(byTarget(config.linux.target)).toEqual({ AppImage: ['arm64', 'x64'], deb: ['arm64', 'x64'] });
    expect(byTarget(config.win.target)).toEqual({ nsis: ['arm64', 'x64'] });
  });

  it('takes its icons from build/icons, and they are there', () => {
    expect(config.linux.icon).toBe('build/icons/png');
    expect(existsSync(join(root, config.linux.icon, '512x512.png'))).toBe(true);
    expect(existsSync(join(root, config.linux.icon, '256x256.png'))).toBe(true);
    expect(existsSync(join(root, config.win.icon))).toBe(true);
  });

  it('installs for all users on Windows, asks for admin rights and keeps the kiosk data on uninstall', () => {
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true, allowToChangeInstallationDirectory: false, deleteAppDataOnUninstall: false, runAfterFinish: false });
  });
});

describe('electron-builder config: a kiosk that never phones home', () => {
  it('has no publish target and writes no update files', () => {
    expect(config.publish).toBeNull();
    expect(config.detectUpdateChannel).toBe(false);
    expect(config.generateUpdatesFilesForAllChannels).toBe(false);
  });

  it('has no auto-updater among the dependencies', () => {
    const all = [...Object.keys(pkg.dependencies), ...Object.keys(pkg.devDependencies)];
    expect(all.filter((name) => /updater|update-electron-app/.test(name))).toEqual([]);
    expect(Object.keys(lock.packages).filter((path) => /(^|\/)electron-updater$/.test(path))).toEqual([]);
  });
});

describe('electron-builder config: fuses', () => {
  it('flips the fuses a public kiosk needs', () => {
    expect(FUSE_POLICY).toEqual({
      runAsNode: false,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableCookieEncryption: true,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
    expect(Object.isFrozen(FUSE_POLICY)).toBe(true);
  });

  it('hands exactly that policy to electron-builder, with the app in an asar (OnlyLoadAppFromAsar needs one)', () => {
    expect(config.electronFuses).toEqual(FUSE_POLICY);
    expect(config.asar).toBe(true);
  });

  it('names only fuses that @electron/fuses (FuseV1Options) knows', () => {
    // FuseV1Options of @electron/fuses 2.x, in electron-builder's camelCase spelling.
    const known = [
      'runAsNode', 'enableCookieEncryption', 'enableNodeOptionsEnvironmentVariable', 'enableNodeCliInspectArguments',
      'enableEmbeddedAsarIntegrityValidation', 'onlyLoadAppFromAsar', 'loadBrowserProcessSpecificV8Snapshot',
      'grantFileProtocolExtraPrivileges',
    ];
    expect(Object.keys(config.electronFuses).filter((name) => !known.includes(name))).toEqual([]);
  });
});

describe('the glob matcher used below', () => {
  it.each([
    ['dist/**/*', 'dist/a.js', true],
    ['dist/**/*', 'dist/electron/kiosk/start.js', true],
    ['dist/**/*', 'distx/a.js', false],
    ['**/*.map', 'dist/renderer/assets/index.js.map', true],
    ['**/*.map', 'map.json', false],
    ['node_modules/three/**', 'node_modules/three/build/three.module.js', true],
    ['node_modules/three/**', 'node_modules/threex/a.js', false],
    ['**/*.{ts,tsx}', 'a/b.tsx', true],
    ['**/{test,tests}/**', 'node_modules/x/test/a.js', true],
    ['package.json', 'content/package.json', false],
  ])('%s matches %s: %s', (glob, path, expected) => {
    expect(globToRegExp(glob).test(path)).toBe(expected);
  });
});

describe('electron-builder config: what would be packaged (applied to the project tree)', () => {
  const patterns = compilePatterns(config.files);
  // electron-builder adds the production node_modules by itself; the config's "!" patterns then apply.
  const withNodeModules = compilePatterns(['node_modules/**/*', ...config.files]);
  let projectFiles: { path: string; bytes: number }[] = [];
  let moduleFiles: { path: string; bytes: number }[] = [];
  const hasDist = existsSync(join(root, 'dist', 'electron', 'shell', 'main.js'));

  beforeAll(async () => {
    const skip = (relative: string) => /^(\.git|node_modules|test-output|bench-output|release)(\/|$)/.test(relative);
    projectFiles = await listFiles(root, root, skip);
    for (const dir of productionPackageDirs) {
      if (!existsSync(join(root, dir))) continue; // optional packages for other platforms
      const nested = (relative: string) => relative !== dir && relative.startsWith(`${dir}/node_modules/`);
      moduleFiles.push(...(await listFiles(join(root, dir), root, nested)));
    }
    moduleFiles = [...new Map(moduleFiles.map((f) => [f.path, f])).values()];
  });

  it('packages content/ and package.json, and nothing from the sources, tests, docs or build scripts', () => {
    const chosen = projectFiles.filter((f) => selected(patterns, f.path)).map((f) => f.path);
    expect(chosen).toContain('package.json');
    expect(chosen).toContain('content/manifest.json');
    expect(chosen.filter((path) => !/^(dist|content)\/|^package\.json$/.test(path))).toEqual([]);
    expect(chosen.filter((path) => /^content\/sources\//.test(path))).toEqual([]);
    // Whatever a stray file in the tree, these never go in.
    for (const path of ['tests/unit/cli/cli.test.ts', 'electron/cli/main.ts', 'renderer/src/main.ts', 'build/package.ts',
      'docs/install.md', 'tsconfig.json', 'package-lock.json', '.ci/run', 'build/linux/install.sh']) {
      expect(selected(patterns, path), path).toBe(false);
    }
  });

  it('never packages source maps, TypeScript or test files, even inside dist/ or node_modules', () => {
    for (const path of ['dist/renderer/assets/index-abc.js.map', 'dist/electron/core/config.d.ts', 'dist/electron/x.ts',
      'dist/tests/a.js', 'node_modules/pino/test/basic.test.js', 'node_modules/valibot/dist/index.d.ts', 'node_modules/yauzl/x.spec.js']) {
      expect(selected(withNodeModules, path), path).toBe(false);
    }
    const shipped = [...projectFiles, ...moduleFiles].filter((f) => selected(withNodeModules, f.path)).map((f) => f.path);
    expect(shipped.filter((path) => /\.map$|\.tsx?$|\.tsbuildinfo$/.test(path))).toEqual([]);
  });

  it.skipIf(!hasDist)('packages the built app: main, preload, renderer (skipped when dist/ is not built yet)', () => {
    const chosen = new Set(projectFiles.filter((f) => selected(patterns, f.path)).map((f) => f.path));
    for (const path of ['dist/electron/shell/entry.js', 'dist/electron/shell/main.js', 'dist/electron/editor/start.js', 'dist/preload/preload.cjs', 'dist/renderer/index.html', 'dist/renderer/editor.html']) expect(chosen.has(path), path).toBe(true);
  });

  it('ships no dev dependency: the patterns alone pull nothing from node_modules, and the production set has no dev package', () => {
    expect(projectFiles.length).toBeGreaterThan(0);
    for (const name of ['vite', 'vitest', 'electron', 'typescript', 'eslint', '@playwright/test', 'svelte', 'tsx']) {
      expect(selected(patterns, `node_modules/${name}/package.json`), name).toBe(false);
      expect(productionPackageDirs, name).not.toContain(`node_modules/${name}`);
    }
    const dev = new Set(Object.keys(pkg.devDependencies));
    const shippedPackages = new Set(moduleFiles.filter((f) => selected(withNodeModules, f.path)).map((f) => /^node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(f.path)?.[1]));
    expect([...shippedPackages].filter((name) => name !== undefined && dev.has(name))).toEqual([]);
  });

  it('leaves out the renderer-only libraries (Vite bundles them), and host code imports none of them', async () => {
    for (const name of RENDERER_ONLY_DEPENDENCIES) expect(selected(withNodeModules, `node_modules/${name}/package.json`), name).toBe(false);
    const hostSources = projectFiles.filter((f) => /^(electron|contract)\/.*\.ts$/.test(f.path));
    expect(hostSources.length).toBeGreaterThan(20);
    const imported = new Set<string>();
    for (const file of hostSources) {
      const text = await readFile(join(root, file.path), 'utf8');
      for (const match of text.matchAll(/\bfrom\s+'([^'.][^']*)'|\bimport\(\s*'([^'.][^']*)'\s*\)/g)) {
        const spec = match[1] ?? match[2] ?? '';
        imported.add(spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : (spec.split('/')[0] ?? spec));
      }
    }
    const hostPackages = [...imported].filter((name) => !name.startsWith('node:') && name !== 'electron');
    expect(hostPackages.filter((name) => (RENDERER_ONLY_DEPENDENCIES as readonly string[]).includes(name))).toEqual([]);
    // Nor does anything the host needs depend on them.
    const needed = closure(hostPackages);
    expect([...needed].filter((name) => (RENDERER_ONLY_DEPENDENCIES as readonly string[]).includes(name))).toEqual([]);
    // And everything the host imports is shipped.
    for (const name of hostPackages) expect(selected(withNodeModules, `node_modules/${name}/package.json`), name).toBe(true);
  });

  it('unpacks sharp and libvips from the asar (a native library cannot be loaded from inside it)', () => {
    const unpack = compilePatterns(config.asarUnpack);
    expect(selected(unpack, 'node_modules/sharp/lib/index.js')).toBe(true);
    expect(selected(unpack, 'node_modules/@img/sharp-linux-x64/lib/sharp-linux-x64.node')).toBe(true);
    expect(selected(unpack, 'dist/electron/shell/main.js')).toBe(false);
  });

  it(`stays within the size budget of ${SIZE_BUDGET.appPayloadBytes / MiB} MiB (dist + content + production node_modules)`, () => {
    const sum = (files: { path: string; bytes: number }[]) => files.filter((f) => selected(withNodeModules, f.path)).reduce((total, f) => total + f.bytes, 0);
    const projectBytes = sum(projectFiles);
    const distBytes = sum(projectFiles.filter((f) => f.path.startsWith('dist/')));
    const moduleBytes = sum(moduleFiles);
    // Unit tests run before `npm run build` in CI: without dist/, count the allowance dist/ is given instead.
    const counted = projectBytes + moduleBytes + (hasDist ? 0 : SIZE_BUDGET.distAllowanceBytes);
    if (!hasDist) console.info(`size budget: dist/ is not built yet – counting its allowance of ${SIZE_BUDGET.distAllowanceBytes / MiB} MiB instead`);
    console.info(`size budget: ${(counted / MiB).toFixed(1)} MiB of ${SIZE_BUDGET.appPayloadBytes / MiB} MiB (dist ${(hasDist ? distBytes / MiB : SIZE_BUDGET.distAllowanceBytes / MiB).toFixed(1)}, content+package.json ${((projectBytes - distBytes) / MiB).toFixed(1)}, node_modules ${(moduleBytes / MiB).toFixed(1)})`);
    expect(counted).toBeLessThanOrEqual(SIZE_BUDGET.appPayloadBytes);
    if (hasDist) expect(distBytes).toBeLessThanOrEqual(SIZE_BUDGET.distAllowanceBytes);
  });
});

describe('npm run package (build/package.ts)', () => {
  it('builds an unpacked app for this machine by default, and the configured installers with --release', () => {
    expect(buildOptions('linux', false, undefined)).toMatchObject({ linux: ['dir'], publish: 'never' });
    expect(buildOptions('win32', true, undefined)).toMatchObject({ win: [], publish: 'never' });
    expect(buildOptions('linux', false, undefined).config).toBe(config);
  });

  it('uses a local Electron when ELECTRON_OVERRIDE_DIST_PATH names one, so it can package offline', () => {
    expect(buildOptions('linux', false, '/opt/electron').config).toMatchObject({ electronDist: '/opt/electron', appId: 'dk.lejre.voresSted' });
  });

  it('recognises a failed Electron download (offline) so it can say so in one line', () => {
    expect(isDownloadFailure(Object.assign(new Error('getaddrinfo ENOTFOUND github.com'), { code: 'ENOTFOUND' }))).toBe(true);
    expect(isDownloadFailure(new Error('RequestError: connect ETIMEDOUT 140.82.121.4:443'))).toBe(true);
    expect(isDownloadFailure(new Error('Cannot find module "foo"'))).toBe(false);
  });
});

describe('the staff editor in the packaged app', () => {
  it('has its own Start-menu shortcut on Windows that starts the program with --editor, removed on uninstall', async () => {
    const script = await readFile(join(root, config.nsis.include), 'utf8');
    const install = /!macro customInstall([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    const uninstall = /!macro customUnInstall([\s\S]*?)!macroend/.exec(script)?.[1] ?? '';
    const shortcut = /CreateShortCut "([^"]+)" "\$INSTDIR\\vores-sted\.exe" "--editor"/.exec(install)?.[1];
    expect(shortcut).toMatch(/redigér indhold\.lnk$/);
    expect(uninstall).toContain(`Delete "${shortcut ?? ''}"`);
  });

  it('starts from the entry that picks the editor or the kiosk', async () => {
    const pkgMain = (JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as { main: string }).main;
    expect(pkgMain).toBe('dist/electron/shell/entry.js');
    const entry = await readFile(join(root, 'electron/shell/entry.ts'), 'utf8');
    expect(entry).toMatch(/argv\.includes\('--editor'\)\) await import\('\.\.\/editor\/start\.js'\)/);
    expect(entry).toMatch(/else await import\('\.\/main\.js'\)/);
  });
});
