import { createHash, createPublicKey } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { access, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import yazl from 'yazl';
import { createLogger } from '../logger.js';
import { walkContent, type ContentFile, type ContentProblem } from './content-walk.js';
import { MANIFEST_NAME, SIGNATURE_NAME } from './entry-names.js';
import { fsyncDir, fsyncFile } from './fs-safe.js';
import { keyIdOf, loadPrivateKey, signManifest } from './keys.js';
import { withDefaults, type BundleLimits } from './limits.js';
import { BUNDLE_FORMAT, bundleFileName, serializeManifest, type BundleFileEntry, type BundleManifest } from './manifest.js';
import { describeRejection, type Lang } from './rejection.js';
import { verifyBundle } from './verify.js';

// Builds a signed bundle on the staff PC. Each file is hashed from the very bytes that go into the zip
// (one read), and the finished bundle is checked exactly as a kiosk would check it before it gets its
// final name, so the tool never hands out a bundle a kiosk would refuse.

const log = createLogger('bundle-build');

export interface BuildOptions {
  contentDir: string;
  outDir: string;
  privateKeyPath: string;
  version: number;
  /** Content-schema check, injected so this module does not depend on it. */
  validate?: (contentDir: string) => Promise<ContentProblem[]>;
  /** Defaults to the "id" in the content's manifest.json, else "vores-sted". */
  contentId?: string;
  limits?: Partial<BundleLimits>;
  lang?: Lang;
  now?: Date;
}

export type BuildResult = { ok: true; bundlePath: string; manifest: BundleManifest } | { ok: false; problems: ContentProblem[] };

// Already compressed: deflating them again costs time and gains nothing.
const STORED_EXTENSIONS = /\.(webp|jpe?g|png|gif|avif|mp4|webm|mp3|ogg|opus|woff2?|gz|zip)$/i;

async function defaultContentId(contentDir: string): Promise<string> {
  try {
    const parsed: unknown = JSON.parse(await readFile(join(contentDir, 'manifest.json'), 'utf8'));
    if (typeof parsed === 'object' && parsed !== null && 'id' in parsed && typeof parsed.id === 'string') return parsed.id;
  } catch {
    // No readable content manifest: fall back to the generic id.
  }
  return 'vores-sted';
}

export async function buildBundle(options: BuildOptions): Promise<BuildResult> {
  const lang = options.lang ?? 'da';
  const limits = withDefaults(options.limits);
  const problems: ContentProblem[] = [];
  if (!Number.isSafeInteger(options.version) || options.version < 1) {
    problems.push({ path: '', message: lang === 'da' ? 'Versionen skal være et helt tal større end 0.' : 'The version must be a whole number above 0.' });
  }
  const walked = await walkContent(options.contentDir, limits, lang);
  problems.push(...walked.problems);
  if (options.validate) problems.push(...(await options.validate(options.contentDir)));
  let key: Awaited<ReturnType<typeof loadPrivateKey>> | null = null;
  try {
    key = await loadPrivateKey(options.privateKeyPath);
  } catch (error) {
    log.warn({ err: error, path: options.privateKeyPath }, 'could not load private key');
    problems.push({ path: options.privateKeyPath, message: lang === 'da' ? 'Den hemmelige nøgle kan ikke læses.' : 'The private key cannot be read.' });
  }
  const bundlePath = join(options.outDir, bundleFileName(options.version));
  if (await access(bundlePath).then(() => true, () => false)) {
    problems.push({ path: bundlePath, message: lang === 'da' ? `Der findes allerede en pakke med version ${options.version}: ${bundlePath}` : `A bundle with version ${options.version} already exists: ${bundlePath}` });
  }
  if (problems.length > 0 || key === null) return { ok: false, problems };
  const signingKey = key;

  const created = options.now ?? new Date();
  const tempPath = join(options.outDir, `.${bundleFileName(options.version)}.tmp-${process.pid}`);
  await mkdir(options.outDir, { recursive: true });
  const selfCheckKey = createPublicKey(signingKey.key);
  const stored = new Set<string>();
  try {
    const contentId = options.contentId ?? (await defaultContentId(options.contentDir));
    const seal: Seal = (files) => {
      const m: BundleManifest = { format: BUNDLE_FORMAT, contentId, version: options.version, created: created.toISOString(), keyId: signingKey.keyId, files };
      const manifestBytes = serializeManifest(m);
      return { manifest: m, manifestBytes, signature: Buffer.from(signManifest(manifestBytes, signingKey.key)) };
    };
    for (;;) {
      const manifest = await writeZip(tempPath, walked.files, created, stored, seal);
      await fsyncFile(tempPath);
      const selfCheck = await verifyBundle(tempPath, {
        trustedKeys: [{ keyId: keyIdOf(selfCheckKey), key: selfCheckKey }],
        installedVersion: options.version - 1,
        limits,
      });
      if (selfCheck.ok) {
        await rename(tempPath, bundlePath);
        await fsyncDir(options.outDir);
        log.info({ bundlePath, version: options.version, files: manifest.files.length, stored: [...stored] }, 'bundle built');
        return { ok: true, bundlePath, manifest };
      }
      await rm(tempPath, { force: true });
      // Very compressible files (padding, repeated data) look like zip bombs to a kiosk: store those
      // uncompressed and try again. Each round stores one more file, so this ends.
      const { reason } = selfCheck;
      if (reason.code === 'compression-ratio' && !stored.has(reason.path)) {
        stored.add(reason.path);
        continue;
      }
      return { ok: false, problems: [{ path: '', message: describeRejection(reason, lang) }] };
    }
  } catch (error) {
    await rm(tempPath, { force: true });
    throw error;
  }
}

type Seal = (files: BundleFileEntry[]) => { manifest: BundleManifest; manifestBytes: Buffer; signature: Buffer };

/** Streams the files into the zip while hashing them, then adds the manifest and its signature last. */
async function writeZip(
  tempPath: string,
  files: readonly ContentFile[],
  mtime: Date,
  storedPaths: ReadonlySet<string>,
  seal: Seal,
): Promise<BundleManifest> {
  await rm(tempPath, { force: true });
  const zip = new yazl.ZipFile();
  let failWith: (error: unknown) => void = () => undefined;
  // yazl does not forward errors from the streams it is given; this promise does.
  const failed = new Promise<never>((_resolve, reject) => (failWith = reject));
  failed.catch(() => undefined); // raced below; this only keeps a late failure from being "unhandled"
  zip.on('error', failWith);
  const written = pipeline(zip.outputStream, createWriteStream(tempPath, { flags: 'wx' }));
  written.catch(failWith);
  const hashed = files.map((file) => new Promise<BundleFileEntry>((resolve) => {
    zip.addReadStreamLazy(file.path, { mtime, compress: !STORED_EXTENSIONS.test(file.path) && !storedPaths.has(file.path) }, (callback) => {
      const hash = createHash('sha256');
      let size = 0;
      const hashing = new Transform({
        transform(chunk: Buffer, _encoding, done) {
          hash.update(chunk);
          size += chunk.length;
          done(null, chunk);
        },
      });
      hashing.on('end', () => resolve({ path: file.path, size, sha256: hash.digest('hex') }));
      const source = createReadStream(file.fsPath);
      source.on('error', failWith);
      callback(null, source.pipe(hashing));
    });
  }));
  try {
    const entries = await Promise.race([Promise.all(hashed), failed]);
    const { manifest, manifestBytes, signature } = seal(entries);
    zip.addBuffer(manifestBytes, MANIFEST_NAME, { mtime, compress: false });
    zip.addBuffer(signature, SIGNATURE_NAME, { mtime, compress: false });
    zip.end();
    await Promise.race([written, failed]);
    return manifest;
  } catch (error) {
    // Ends the half-written output so the temp file is closed before it is deleted.
    (zip.outputStream as Readable).destroy();
    await written.catch(() => undefined);
    throw error;
  }
}
