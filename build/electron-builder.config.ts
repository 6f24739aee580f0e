// electron-builder configuration for the Electron shell: Linux AppImage + deb (x64, arm64) and a Windows
// NSIS installer. Plain data, so tests/unit/packaging can check it without electron-builder installed;
// build/package.ts hands it to electron-builder's API (`npm run package`).
//
// The types below are the subset of electron-builder's `Configuration` this file uses, written out here
// because electron-builder is not a dependency yet. Once it is, `satisfies Configuration` can replace them.

export type Arch = 'x64' | 'arm64';

export interface TargetSpec {
  target: string;
  arch: Arch[];
}

/** electron-builder's `electronFuses` (FuseOptionsV1 of @electron/fuses), baked into the binary at package time. */
export interface FusePolicy {
  runAsNode: boolean;
  enableCookieEncryption: boolean;
  enableNodeOptionsEnvironmentVariable: boolean;
  enableNodeCliInspectArguments: boolean;
  enableEmbeddedAsarIntegrityValidation: boolean;
  onlyLoadAppFromAsar: boolean;
  loadBrowserProcessSpecificV8Snapshot: boolean;
  grantFileProtocolExtraPrivileges: boolean;
}

export interface BuilderConfig {
  appId: string;
  productName: string;
  copyright: string;
  directories: { output: string; buildResources: string };
  files: string[];
  asar: boolean;
  asarUnpack: string[];
  extraMetadata: Record<string, unknown>;
  electronFuses: FusePolicy;
  publish: null;
  detectUpdateChannel: boolean;
  generateUpdatesFilesForAllChannels: boolean;
  compression: 'store' | 'normal' | 'maximum';
  artifactName: string;
  linux: {
    target: TargetSpec[];
    icon: string;
    category: string;
    executableName: string;
    maintainer: string;
    vendor: string;
    synopsis: string;
    description: string;
    desktop: { entry: Record<string, string> };
  };
  deb: { packageCategory: string; priority: string };
  appImage: { artifactName: string };
  win: { target: TargetSpec[]; icon: string; executableName: string; legalTrademarks: string };
  nsis: {
    oneClick: boolean;
    perMachine: boolean;
    allowElevation: boolean;
    allowToChangeInstallationDirectory: boolean;
    createDesktopShortcut: boolean;
    createStartMenuShortcut: boolean;
    runAfterFinish: boolean;
    deleteAppDataOnUninstall: boolean;
    installerLanguages: string[];
    language: string;
    shortcutName: string;
    /** An NSIS script with customInstall/customUnInstall macros (the editor's shortcut). */
    include: string;
    uninstallDisplayName: string;
  };
}

/**
 * The fuse policy for a public kiosk: no Node through ELECTRON_RUN_AS_NODE, NODE_OPTIONS or --inspect (a
 * visitor who reaches a shell must not turn the app into a Node runtime), the app only from its checked
 * app.asar, no extra privileges for file://. Exported as data so the tests compare it key by key.
 */
export const FUSE_POLICY: Readonly<FusePolicy> = Object.freeze({
  runAsNode: false,
  enableCookieEncryption: true,
  enableNodeOptionsEnvironmentVariable: false,
  enableNodeCliInspectArguments: false,
  enableEmbeddedAsarIntegrityValidation: true,
  onlyLoadAppFromAsar: true,
  // Electron's default; the app ships no custom browser-process snapshot.
  loadBrowserProcessSpecificV8Snapshot: false,
  grantFileProtocolExtraPrivileges: false,
});

const MiB = 1024 * 1024;

/**
 * What may go into app.asar (+ unpacked native modules): dist/, content/, package.json and the production
 * node_modules the host needs. Electron itself (~250 MB unpacked) is not counted: it is the same for every
 * Electron app and is not ours to shrink. Today: about 1.3 MB dist, 3.7 MB content, 25 MB node_modules
 * (of which 19 MB is libvips for sharp); the budget leaves room for content to grow about fivefold.
 */
export const SIZE_BUDGET = Object.freeze({
  appPayloadBytes: 64 * MiB,
  /** What dist/ is allowed to weigh; used by the budget test when dist/ is not built yet. */
  distAllowanceBytes: 8 * MiB,
});

/**
 * Production dependencies the renderer uses only through Vite's bundle (dist/renderer/assets): shipping
 * them again in node_modules would add ~25 MB (three alone is 24 MB) that no code loads.
 * The packaging test fails if host code (electron/, contract/) ever imports one of them.
 */
export const RENDERER_ONLY_DEPENDENCIES = ['three', 'd3-geo', 'd3-array', 'internmap', 'earcut', 'qrcode'] as const;

/** Platforms and arches the release builds for. */
export const LINUX_TARGETS: TargetSpec[] = [
  { target: 'AppImage', arch: ['x64', 'arm64'] },
  { target: 'deb', arch: ['x64', 'arm64'] },
];
export const WINDOWS_TARGETS: TargetSpec[] = [{ target: 'nsis', arch: ['x64', 'arm64'] }];

const DESCRIPTION_DA =
  'Vores Sted – berøringsskærm til Lejre Kommune: et levende 3D-kort over kommunens byer og landsbyer og historierne bag de fem kerneopgaver. Kører uden net; nyt indhold kommer med en underskrevet pakke på et USB-stik.';

export const config: BuilderConfig = {
  appId: 'dk.lejre.voresSted',
  productName: 'Vores Sted',
  copyright: 'Copyright © Lejre Kommune. Koden er under MIT-licensen.',
  directories: { output: 'release', buildResources: 'build' },
  // Order matters: electron-builder applies the patterns in turn, a later "!" pattern removes what an
  // earlier one added. Production node_modules are added by electron-builder itself (dev dependencies
  // never are); the "!node_modules/…" lines below trim what it would add.
  files: [
    'dist/**/*',
    'content/**/*',
    'package.json',
    '!**/*.map',
    '!**/*.{ts,mts,cts,tsx}',
    '!**/*.tsbuildinfo',
    '!**/{test,tests,__tests__,spec,__mocks__}/**',
    '!**/*.{test,spec}.{js,mjs,cjs}',
    '!content/sources/**',
    ...RENDERER_ONLY_DEPENDENCIES.map((name) => `!node_modules/${name}/**`),
  ],
  asar: true,
  // sharp loads libvips (a native library) at run time: it has to be a real file on disk, not in the asar.
  asarUnpack: ['node_modules/sharp/**', 'node_modules/@img/**'],
  // The packaged package.json describes the app in Danish (the repository's own stays English).
  extraMetadata: { description: DESCRIPTION_DA },
  electronFuses: { ...FUSE_POLICY },
  // Never phone home: no update feed, no update files, nothing to publish to.
  publish: null,
  detectUpdateChannel: false,
  generateUpdatesFilesForAllChannels: false,
  compression: 'normal',
  artifactName: 'vores-sted-${version}-${arch}.${ext}',
  linux: {
    target: LINUX_TARGETS,
    icon: 'build/icons/png',
    category: 'Education',
    executableName: 'vores-sted',
    maintainer: 'Lejre Kommune',
    vendor: 'Lejre Kommune',
    synopsis: 'Berøringsskærm med kort og historier fra Lejre Kommune',
    description: DESCRIPTION_DA,
    desktop: {
      entry: {
        Name: 'Vores Sted',
        'Name[da]': 'Vores Sted',
        Comment: 'Touch kiosk for Lejre Kommune',
        'Comment[da]': 'Berøringsskærm med kort og historier fra Lejre Kommune',
        Categories: 'Education;Geography;',
      },
    },
  },
  // electron-builder's default package dependencies (GTK, NSS …) are what Electron needs: keep them.
  deb: { packageCategory: 'misc', priority: 'optional' },
  appImage: { artifactName: 'vores-sted-${version}-${arch}.AppImage' },
  win: {
    target: WINDOWS_TARGETS,
    icon: 'build/icons/icon.ico',
    executableName: 'vores-sted',
    legalTrademarks: 'Lejre Kommune',
  },
  nsis: {
    // An IT installer: for all users, asks for admin rights, fixed folder, no surprise shortcuts.
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: false,
    createDesktopShortcut: false,
    createStartMenuShortcut: true,
    runAfterFinish: false,
    // The kiosk's installed content and logs stay when the program is removed; IT deletes them by hand.
    deleteAppDataOnUninstall: false,
    installerLanguages: ['da_DK'],
    language: '1030',
    shortcutName: 'Vores Sted',
    // A second Start-menu shortcut for staff PCs: the editor (`vores-sted.exe --editor`).
    include: 'build/windows/editor-shortcut.nsh',
    uninstallDisplayName: 'Vores Sted',
  },
};

export default config;
