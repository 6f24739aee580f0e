// Which file names a bundle may contain. The same rules run on the staff PC (build) and on the kiosk
// (install): a name must mean one and the same file on Linux, Windows and macOS, must stay inside the
// folder it is unpacked into, and must not be able to confuse code that keeps files in plain objects.

export const MANIFEST_NAME = 'bundle-manifest.json';
export const SIGNATURE_NAME = 'bundle-manifest.sig';
export const RESERVED_NAMES: ReadonlySet<string> = new Set([MANIFEST_NAME, SIGNATURE_NAME]);

const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$/i;
const WINDOWS_FORBIDDEN = /[<>:"|?*\\]/;
const OBJECT_KEYS: ReadonlySet<string> = new Set([...Object.getOwnPropertyNames(Object.prototype), 'prototype']);

/** Why `name` is not a safe relative file name (English, for the log), or null when it is fine. */
export function unsafeNameReason(name: string, maxPathBytes: number): string | null {
  if (name.length === 0) return 'empty name';
  if (Buffer.byteLength(name, 'utf8') > maxPathBytes) return 'name too long';
  // Control and format characters (NUL, newlines, bidi overrides) hide what a name really is.
  if (/[\p{Cc}\p{Cf}\uFFFD]/u.test(name)) return 'control, format or undecodable character';
  if (name.startsWith('/') || /^[A-Za-z]:/.test(name)) return 'absolute path';
  if (WINDOWS_FORBIDDEN.test(name)) return 'backslash or character Windows forbids';
  const segments = (name.endsWith('/') ? name.slice(0, -1) : name).split('/');
  for (const segment of segments) {
    if (segment === '' || segment === '.' || segment === '..') return 'empty, "." or ".." segment';
    if (segment.startsWith('.')) return 'hidden file or folder';
    if (/[. ]$/.test(segment)) return 'segment ends in dot or space (Windows drops it)';
    if (WINDOWS_DEVICE.test(segment)) return 'Windows device name';
    if (OBJECT_KEYS.has(segment)) return 'JavaScript object property name';
  }
  return null;
}

/** Two names with the same key would land on the same file on a case-insensitive or normalising disk. */
export function collisionKey(name: string): string {
  const withoutSlash = name.endsWith('/') ? name.slice(0, -1) : name;
  return withoutSlash.normalize('NFC').toLowerCase();
}

/**
 * The first name that clashes with an earlier one: the same name, the same name in another case or
 * Unicode normalisation, or a name used both as a file and as a folder ("a/b" and "a/b/c").
 */
export function findCollision(names: readonly string[]): string | null {
  const seen = new Set<string>();
  // A folder entry "a/" and a file "a/b" do not clash; only a *file* named "a" does.
  const folders = new Set(names.filter((n) => n.endsWith('/')).map(collisionKey));
  for (const name of names) {
    const key = collisionKey(name);
    if (seen.has(key)) return name;
    seen.add(key);
  }
  for (const name of names) {
    const parts = collisionKey(name).split('/');
    for (let i = 1; i < parts.length; i += 1) {
      const parent = parts.slice(0, i).join('/');
      if (seen.has(parent) && !folders.has(parent)) return name;
    }
  }
  return null;
}
