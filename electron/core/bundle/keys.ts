import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import { access, chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createLogger } from '../logger.js';
import { claimedKeyId } from './manifest.js';
import { reject, type Outcome } from './rejection.js';

// Ed25519 keys for signing bundles. Files on the staff PC are PEM (PKCS#8 private, SPKI public). The
// kiosk config may list a trusted key either as that PEM text or as the base64 of the raw 32-byte key
// (shorter to paste). Several trusted keys may be listed at once so a key can be changed over.
// Not implemented: rotation by "new key signed by old key" – change-over is done by listing both keys.

const log = createLogger('bundle-keys');

export const PRIVATE_KEY_FILE = 'vores-sted-private.pem';
export const PUBLIC_KEY_FILE = 'vores-sted-public.pem';

export interface TrustedKey {
  keyId: string;
  key: KeyObject;
}

export function rawPublicKey(key: KeyObject): Buffer {
  const jwk = key.export({ format: 'jwk' });
  if (jwk.crv !== 'Ed25519' || typeof jwk.x !== 'string') throw new Error('not an Ed25519 key');
  return Buffer.from(jwk.x, 'base64url');
}

/** First 16 hex digits of SHA-256 over the raw 32-byte public key. */
export function keyIdOf(publicKey: KeyObject): string {
  return createHash('sha256').update(rawPublicKey(publicKey)).digest('hex').slice(0, 16);
}

/** Accepts SPKI PEM text or base64 of the raw 32-byte key. Throws on anything else. */
export function parsePublicKey(text: string): TrustedKey {
  const trimmed = text.trim();
  let key: KeyObject;
  if (trimmed.startsWith('-----BEGIN')) {
    key = createPublicKey(trimmed);
  } else {
    const raw = Buffer.from(trimmed, 'base64');
    if (raw.length !== 32 || raw.toString('base64') !== trimmed) throw new Error('expected 32 bytes of base64');
    key = createPublicKey({ key: { kty: 'OKP', crv: 'Ed25519', x: raw.toString('base64url') }, format: 'jwk' });
  }
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return { keyId: keyIdOf(key), key };
}

export async function loadPublicKey(path: string): Promise<TrustedKey> {
  return parsePublicKey(await readFile(path, 'utf8'));
}

export async function loadPrivateKey(path: string): Promise<{ key: KeyObject; keyId: string }> {
  const key = createPrivateKey(await readFile(path, 'utf8'));
  if (key.asymmetricKeyType !== 'ed25519') throw new Error(`expected an Ed25519 key, got ${key.asymmetricKeyType}`);
  return { key, keyId: keyIdOf(createPublicKey(key)) };
}

export type GenerateKeyPairResult =
  | { ok: true; privateKeyPath: string; publicKeyPath: string; keyId: string; publicKeyBase64: string }
  | { ok: false; existingPath: string };

/** Writes a new key pair into `dir`; never overwrites an existing key (that would orphan every kiosk). */
export async function generateKeyPair(dir: string): Promise<GenerateKeyPairResult> {
  const privateKeyPath = join(dir, PRIVATE_KEY_FILE);
  const publicKeyPath = join(dir, PUBLIC_KEY_FILE);
  for (const path of [privateKeyPath, publicKeyPath]) {
    if (await exists(path)) return { ok: false, existingPath: path };
  }
  await mkdir(dir, { recursive: true });
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const privatePem = privateKey.export({ format: 'pem', type: 'pkcs8' }).toString();
  const publicPem = publicKey.export({ format: 'pem', type: 'spki' }).toString();
  // 'wx' fails if the file appeared since the check above, so a race cannot overwrite a key either.
  await writeFile(privateKeyPath, privatePem, { mode: 0o600, flag: 'wx' });
  await chmod(privateKeyPath, 0o600);
  await writeFile(publicKeyPath, publicPem, { mode: 0o644, flag: 'wx' });
  const keyId = keyIdOf(publicKey);
  log.info({ keyId, dir }, 'generated signing key pair');
  return { ok: true, privateKeyPath, publicKeyPath, keyId, publicKeyBase64: rawPublicKey(publicKey).toString('base64') };
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

export function signManifest(manifestBytes: Uint8Array, privateKey: KeyObject): string {
  return `${sign(null, manifestBytes, privateKey).toString('base64')}\n`;
}

// Only the exact canonical form is accepted: Node's base64 decoder skips junk characters, which would
// otherwise let many different .sig files carry the same signature.
function decodeSignature(bytes: Uint8Array): Buffer | null {
  const text = Buffer.from(bytes).toString('latin1').replace(/\n$/, '');
  if (!/^[A-Za-z0-9+/]{86}==$/.test(text)) return null;
  const signature = Buffer.from(text, 'base64');
  return signature.length === 64 && signature.toString('base64') === text ? signature : null;
}

/** Which trusted key signed these exact manifest bytes. */
export function verifyManifestSignature(
  manifestBytes: Uint8Array,
  signatureBytes: Uint8Array,
  trustedKeys: readonly TrustedKey[],
): Outcome<{ keyId: string }> {
  const signature = decodeSignature(signatureBytes);
  if (signature !== null) {
    for (const trusted of trustedKeys) {
      if (verify(null, manifestBytes, trusted.key, signature)) return { ok: true, keyId: trusted.keyId };
    }
  }
  // Not verified. Say "unknown key" only when the manifest names a key we do not trust; otherwise the
  // bytes were changed after signing.
  const claimed = claimedKeyId(manifestBytes);
  if (claimed !== null && !trustedKeys.some((k) => k.keyId === claimed)) {
    return reject({ code: 'unknown-key', keyId: claimed });
  }
  return reject({ code: 'bad-signature' });
}
