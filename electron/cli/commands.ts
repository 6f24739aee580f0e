import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import {
  buildBundle, describeRejection, generateKeyPair, loadPublicKey, verifyBundle,
  type ContentProblem, type Lang, type TrustedKey,
} from '../core/bundle/index.js';
import type { DoctorSystem } from './doctor.js';
import type { texts } from './texts.js';
import { copyToStick } from '../core/bundle/copy-to-stick.js';

export const EXIT_OK = 0;
export const EXIT_REFUSED = 1;
export const EXIT_USAGE = 2;

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  cwd: string;
}

export interface CliDeps {
  /** The content-schema check for `bundle build`; wired in by the entry point. */
  validateContent?: (contentDir: string) => Promise<ContentProblem[]>;
  /** Makes a build-ready copy of the folder (image sizes); the bundle is built from `dir`, then `cleanUp`. */
  prepareContent?: (contentDir: string) => Promise<{ ok: true; dir: string; cleanUp: () => Promise<void> } | { ok: false; message: string }>;
  /** `check-config` and `doctor`: the environment (default process.env), the app folder, the machine. */
  env?: Record<string, string | undefined>;
  projectRoot?: string;
  system?: Partial<DoctorSystem>;
}

export interface CommandContext {
  io: CliIo;
  t: ReturnType<typeof texts>;
  lang: Lang;
  values: Record<string, string | string[] | boolean | undefined>;
  args: string[];
  deps: CliDeps;
  usage(problem: string): number;
}

async function kindOf(path: string): Promise<'file' | 'dir' | null> {
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'dir' : null;
  } catch {
    return null;
  }
}

function integerOption(ctx: CommandContext, name: string): number | null | undefined {
  const raw = ctx.values[name];
  if (raw === undefined) return undefined;
  return typeof raw === 'string' && /^\d+$/.test(raw) && Number.isSafeInteger(Number(raw)) ? Number(raw) : null;
}

export async function keysNew(ctx: CommandContext): Promise<number> {
  if (ctx.args.length > 0) return ctx.usage(ctx.t.unknownCommand);
  const dir = resolve(ctx.io.cwd, typeof ctx.values['out'] === 'string' ? ctx.values['out'] : '.');
  const result = await generateKeyPair(dir);
  if (!result.ok) {
    ctx.io.stderr(ctx.t.keyExists(result.existingPath));
    return EXIT_REFUSED;
  }
  ctx.io.stdout(ctx.t.keysMade(result.privateKeyPath, result.publicKeyPath, result.keyId, result.publicKeyBase64));
  return EXIT_OK;
}

export async function bundleBuild(ctx: CommandContext): Promise<number> {
  const [folder, ...extra] = ctx.args;
  if (folder === undefined || extra.length > 0) return ctx.usage(ctx.t.missingArgument('<indholdsmappe>'));
  const key = ctx.values['key'];
  if (typeof key !== 'string') return ctx.usage(ctx.t.missingOption('key'));
  const version = integerOption(ctx, 'version');
  if (version === undefined) return ctx.usage(ctx.t.missingOption('version'));
  if (version === null || version < 1) return ctx.usage(ctx.t.notInteger('version'));
  const contentDir = resolve(ctx.io.cwd, folder);
  if ((await kindOf(contentDir)) !== 'dir') return ctx.usage(ctx.t.noSuchFile(contentDir));
  // Pictures are resized for 1080p and 4K screens on a copy, so the staff's own folder is never changed.
  const prepared = ctx.deps.prepareContent ? await ctx.deps.prepareContent(contentDir) : { ok: true as const, dir: contentDir, cleanUp: async () => undefined };
  if (!prepared.ok) {
    ctx.io.stderr([ctx.t.notBuilt, `  – ${prepared.message}`].join('\n'));
    return EXIT_REFUSED;
  }
  const result = await buildBundle({
    contentDir: prepared.dir,
    outDir: resolve(ctx.io.cwd, typeof ctx.values['out'] === 'string' ? ctx.values['out'] : '.'),
    privateKeyPath: resolve(ctx.io.cwd, key),
    version,
    validate: ctx.deps.validateContent,
    lang: ctx.lang,
  }).finally(() => prepared.cleanUp());
  if (!result.ok) {
    ctx.io.stderr([ctx.t.notBuilt, ...result.problems.map((p) => `  – ${p.message}`)].join('\n'));
    return EXIT_REFUSED;
  }
  ctx.io.stdout(ctx.t.built(result.bundlePath, result.manifest.version, result.manifest.files.length));
  return EXIT_OK;
}

export async function bundleVerify(ctx: CommandContext): Promise<number> {
  const [file, ...extra] = ctx.args;
  if (file === undefined || extra.length > 0) return ctx.usage(ctx.t.missingArgument('<pakke.vsb>'));
  const keyPaths = ctx.values['pubkey'];
  if (!Array.isArray(keyPaths) || keyPaths.length === 0) return ctx.usage(ctx.t.missingOption('pubkey'));
  const installedVersion = integerOption(ctx, 'installed-version');
  if (installedVersion === null) return ctx.usage(ctx.t.notInteger('installed-version'));
  const trustedKeys: TrustedKey[] = [];
  for (const keyPath of keyPaths) {
    try {
      trustedKeys.push(await loadPublicKey(resolve(ctx.io.cwd, keyPath)));
    } catch {
      return ctx.usage(ctx.t.keyUnreadable(keyPath));
    }
  }
  const bundlePath = resolve(ctx.io.cwd, file);
  if ((await kindOf(bundlePath)) !== 'file') return ctx.usage(ctx.t.noSuchFile(bundlePath));
  const result = await verifyBundle(bundlePath, { trustedKeys, installedVersion: installedVersion ?? 0 });
  if (!result.ok) {
    ctx.io.stdout(ctx.t.refused(describeRejection(result.reason, ctx.lang)));
    return EXIT_REFUSED;
  }
  ctx.io.stdout(ctx.t.accepted(result.manifest.version, result.keyId, result.manifest.files.length));
  return EXIT_OK;
}

export async function bundleToUsb(ctx: CommandContext): Promise<number> {
  const [file, stick, ...extra] = ctx.args;
  if (file === undefined || stick === undefined || extra.length > 0) {
    return ctx.usage(ctx.t.missingArgument('<pakke.vsb> <usb-mappe>'));
  }
  const bundlePath = resolve(ctx.io.cwd, file);
  const stickDir = resolve(ctx.io.cwd, stick);
  if ((await kindOf(bundlePath)) !== 'file') return ctx.usage(ctx.t.noSuchFile(bundlePath));
  if ((await kindOf(stickDir)) !== 'dir') return ctx.usage(ctx.t.noSuchFile(stickDir));
  const result = await copyToStick(bundlePath, stickDir);
  if (result.ok) {
    ctx.io.stdout(ctx.t.copied(result.path));
    return EXIT_OK;
  }
  const message = result.problem === 'stick-full' ? ctx.t.stickFull
    : result.problem === 'differs' ? ctx.t.copyDiffers : ctx.t.copyFailed(result.detail);
  ctx.io.stderr(message);
  return EXIT_REFUSED;
}
