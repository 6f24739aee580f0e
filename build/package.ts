// `npm run package`: packages the Electron shell with build/electron-builder.config.ts (after `npm run build`).
//   npm run package                 an unpacked app for this machine (release/<platform>-unpacked): the quick check
//   npm run package -- --release    the installers: AppImage + deb (Linux), NSIS (Windows), as in the config
// Electron's binary is downloaded by electron-builder unless ELECTRON_OVERRIDE_DIST_PATH names a folder holding
// one. Offline, that download fails: this script then says so in one line and exits 3 (nothing was packaged).
import { config, type BuilderConfig } from './electron-builder.config.ts';

export const EXIT_NOT_INSTALLED = 2;
export const EXIT_OFFLINE = 3;

interface BuildOptions {
  config: BuilderConfig & { electronDist?: string };
  publish: 'never';
  linux?: string[];
  win?: string[];
  mac?: string[];
}

interface ElectronBuilderApi {
  build(options: BuildOptions): Promise<string[]>;
}

/** Network trouble while fetching Electron (or anything else) from the internet. */
export function isDownloadFailure(error: unknown): boolean {
  const text = error instanceof Error ? `${error.message} ${(error as NodeJS.ErrnoException).code ?? ''}` : String(error);
  return /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|getaddrinfo|socket hang up|HTTPError|RequestError|unable to (?:download|get)|cannot download/i.test(text);
}

export function buildOptions(platform: NodeJS.Platform, release: boolean, electronDist: string | undefined): BuildOptions {
  const withDist = electronDist ? { ...config, electronDist } : config;
  const options: BuildOptions = { config: withDist, publish: 'never' };
  const key = platform === 'win32' ? 'win' : platform === 'darwin' ? 'mac' : 'linux';
  // The release targets (with their arches) come from the config; `dir` builds for this machine's arch only.
  options[key] = release ? [] : ['dir'];
  return options;
}

async function main(): Promise<number> {
  const release = process.argv.includes('--release');
  let builder: ElectronBuilderApi;
  try {
    const name = 'electron-builder';
    builder = (await import(name)) as ElectronBuilderApi;
  } catch {
    process.stderr.write('package: electron-builder er ikke installeret – kør: npm install --save-dev electron-builder / electron-builder is not installed\n');
    return EXIT_NOT_INSTALLED;
  }
  try {
    const artifacts = await builder.build(buildOptions(process.platform, release, process.env['ELECTRON_OVERRIDE_DIST_PATH']));
    process.stdout.write(`package: ${artifacts.length > 0 ? artifacts.join('\n  ') : 'release/'} – færdig / done\n`);
    return 0;
  } catch (error) {
    if (isDownloadFailure(error)) {
      process.stderr.write('package: Electron kan ikke hentes uden internet – intet blev pakket. Sæt ELECTRON_OVERRIDE_DIST_PATH til en mappe med Electron, eller kør på en maskine med net / Electron cannot be downloaded offline – nothing was packaged\n');
      return EXIT_OFFLINE;
    }
    throw error;
  }
}

if (process.argv[1] !== undefined && import.meta.url.endsWith(process.argv[1].replace(/\\/g, '/'))) {
  process.exitCode = await main();
}
