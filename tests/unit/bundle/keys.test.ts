import { createHash, generateKeyPairSync } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseBundleConfig } from '../../../electron/core/bundle/config.js';
import { PRIVATE_KEY_FILE, generateKeyPair, keyIdOf, parsePublicKey, signManifest, verifyManifestSignature } from '../../../electron/core/bundle/keys.js';
import { useTempDirs } from './helpers.js';

const tmp = useTempDirs();

describe('signing keys', () => {
  it('writes a private key only its owner can read, and a public key', async () => {
    const dir = await tmp();
    const made = await generateKeyPair(dir);
    if (!made.ok) throw new Error('not made');
    if (process.platform !== 'win32') expect((await stat(made.privateKeyPath)).mode & 0o777).toBe(0o600);
    expect(await readFile(made.publicKeyPath, 'utf8')).toMatch(/^-----BEGIN PUBLIC KEY-----/);
    expect(made.keyId).toMatch(/^[0-9a-f]{16}$/);
  });

  it('refuses to overwrite an existing key and leaves it untouched', async () => {
    const dir = await tmp();
    await writeFile(join(dir, PRIVATE_KEY_FILE), 'precious');
    expect(await generateKeyPair(dir)).toEqual({ ok: false, existingPath: join(dir, PRIVATE_KEY_FILE) });
    expect(await readFile(join(dir, PRIVATE_KEY_FILE), 'utf8')).toBe('precious');
  });

  it('key id is the first 16 hex digits of SHA-256 over the raw 32-byte key, whichever form it is given in', async () => {
    const made = await generateKeyPair(await tmp());
    if (!made.ok) throw new Error('not made');
    const fromPem = parsePublicKey(await readFile(made.publicKeyPath, 'utf8'));
    const fromRaw = parsePublicKey(made.publicKeyBase64);
    const expected = createHash('sha256').update(Buffer.from(made.publicKeyBase64, 'base64')).digest('hex').slice(0, 16);
    expect(fromPem.keyId).toBe(expected);
    expect(fromRaw.keyId).toBe(expected);
    expect(keyIdOf(fromRaw.key)).toBe(made.keyId);
  });

  it('refuses keys that are not Ed25519 or not 32 raw bytes', () => {
    const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey.export({ format: 'pem', type: 'spki' }).toString();
    expect(() => parsePublicKey(rsa)).toThrow(/Ed25519/);
    expect(() => parsePublicKey(Buffer.alloc(31).toString('base64'))).toThrow();
    expect(() => parsePublicKey('not a key')).toThrow();
  });

  it('verifies signatures over the exact bytes only', () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const trusted = [{ keyId: keyIdOf(publicKey), key: publicKey }];
    const bytes = Buffer.from(JSON.stringify({ keyId: keyIdOf(publicKey), version: 1 }));
    const signature = Buffer.from(signManifest(bytes, privateKey));
    expect(verifyManifestSignature(bytes, signature, trusted)).toEqual({ ok: true, keyId: keyIdOf(publicKey) });
    const changed = Buffer.concat([bytes, Buffer.from(' ')]);
    expect(verifyManifestSignature(changed, signature, trusted)).toEqual({ ok: false, reason: { code: 'bad-signature' } });
  });
});

describe('bundle config', () => {
  it('accepts trusted keys as PEM or raw base64 and fills in default limits', async () => {
    const made = await generateKeyPair(await tmp());
    if (!made.ok) throw new Error('not made');
    const parsed = parseBundleConfig({ trustedKeys: [await readFile(made.publicKeyPath, 'utf8'), made.publicKeyBase64], limits: { keepVersions: 5 } });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.settings.trustedKeys.map((k) => k.keyId)).toEqual([made.keyId, made.keyId]);
    expect(parsed.settings.limits.keepVersions).toBe(5);
    expect(parsed.settings.limits.maxEntries).toBe(10_000);
  });

  it('reports every problem: no keys, a broken key, a bad limit', () => {
    expect(parseBundleConfig({ trustedKeys: [] }).ok).toBe(false);
    const broken = parseBundleConfig({ trustedKeys: ['garbage'] });
    expect(broken.ok || broken.problems).toEqual([expect.stringMatching(/^trustedKeys\.0: /)]);
    const badLimit = parseBundleConfig({ trustedKeys: ['x'], limits: { maxEntries: -1 } });
    expect(badLimit.ok || badLimit.problems.join()).toMatch(/limits\.maxEntries/);
  });
});
