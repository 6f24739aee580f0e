import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { RESERVED_NAMES, findCollision, unsafeNameReason } from './entry-names.js';
import type { BundleLimits } from './limits.js';
import type { Lang } from './rejection.js';

// Finds the files that go into a bundle, and everything about the folder that would make the kiosk
// refuse it, so staff hear about all of it at once on their own PC rather than at the kiosk.

export interface ContentProblem {
  /** Relative path in the content folder ('' for the folder as a whole). */
  path: string;
  /** A sentence for staff, in the language asked for. */
  message: string;
}

export interface ContentFile {
  /** Name inside the bundle: relative, '/'-separated, Unicode NFC. */
  path: string;
  /** Where it is on this PC. */
  fsPath: string;
}

const text = {
  da: {
    symlink: 'er en genvej (symbolsk link); kopiér selve filen ind i mappen i stedet.',
    hidden: 'er en skjult fil eller mappe; slet den fra indholdsmappen.',
    special: 'er hverken en almindelig fil eller mappe.',
    unsafe: 'har et navn, kiosken ikke accepterer (undgå tegn som \\ : * ? " < > | og navne der ender på punktum eller mellemrum).',
    reserved: 'har et navn, der er forbeholdt pakkens egen indholdsliste.',
    clash: 'har samme navn som en anden fil, når store/små bogstaver og accenter ses bort fra.',
    empty: 'Indholdsmappen er tom.',
    tooMany: 'Indholdsmappen har flere filer, end kiosken accepterer.',
    unreadable: 'kan ikke læses.',
  },
  en: {
    symlink: 'is a symbolic link; copy the file itself into the folder instead.',
    hidden: 'is a hidden file or folder; delete it from the content folder.',
    special: 'is neither a regular file nor a folder.',
    unsafe: 'has a name the kiosk does not accept (avoid \\ : * ? " < > | and names ending in a dot or space).',
    reserved: 'has a name reserved for the bundle manifest.',
    clash: 'has the same name as another file when case and accents are ignored.',
    empty: 'The content folder is empty.',
    tooMany: 'The content folder has more files than the kiosk accepts.',
    unreadable: 'cannot be read.',
  },
} as const;

/** All regular files under `contentDir`, sorted by bundle path, plus every problem found on the way. */
export async function walkContent(
  contentDir: string,
  limits: BundleLimits,
  lang: Lang,
): Promise<{ files: ContentFile[]; problems: ContentProblem[] }> {
  const t = text[lang];
  const files: ContentFile[] = [];
  const problems: ContentProblem[] = [];
  const visit = async (fsDir: string, prefix: string): Promise<void> => {
    let entries;
    try {
      entries = await readdir(fsDir, { withFileTypes: true });
    } catch {
      problems.push({ path: prefix, message: `${prefix || contentDir} ${t.unreadable}` });
      return;
    }
    for (const entry of entries.sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const path = `${prefix}${entry.name.normalize('NFC')}`;
      const complain = (message: string): void => void problems.push({ path, message: `${path} ${message}` });
      // readdir's types come from lstat, so a symlink is reported as a symlink, never followed.
      if (entry.isSymbolicLink()) complain(t.symlink);
      else if (entry.name.startsWith('.')) complain(t.hidden);
      else if (entry.isDirectory()) await visit(join(fsDir, entry.name), `${path}/`);
      else if (!entry.isFile()) complain(t.special);
      else if (unsafeNameReason(path, limits.maxPathBytes) !== null) complain(t.unsafe);
      else if (RESERVED_NAMES.has(path)) complain(t.reserved);
      else files.push({ path, fsPath: join(fsDir, entry.name) });
    }
  };
  await visit(contentDir, '');
  files.sort((a, b) => (a.path < b.path ? -1 : 1));
  const clash = findCollision(files.map((f) => f.path));
  if (clash !== null) problems.push({ path: clash, message: `${clash} ${t.clash}` });
  if (files.length === 0 && problems.length === 0) problems.push({ path: '', message: t.empty });
  if (files.length > limits.maxEntries - 2) problems.push({ path: '', message: t.tooMany });
  return { files, problems };
}
