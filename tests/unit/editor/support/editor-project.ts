// Shared helpers for the staff editor's unit tests: a project folder made from the real content/ (as
// staff get it on first launch), a story draft as a careful staff member finishes it, and an editor host
// around a temp project with a folder standing in for the USB stick.
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { StoryDraft } from '../../../../contract/editor-api.js';
import { EditorHost, type DocxImporter, type EditorHostOptions } from '../../../../electron/core/editor/editor-host.js';
import { ProjectStore } from '../../../../electron/core/editor/project-store.js';
import { builtInContent, isEnglish, type tempDirs } from '../../host/support.js';
import { KNOWN_VILLAGE } from '../../content/support.js';

type Dirs = ReturnType<typeof tempDirs>;

/** The editor's clock in these tests: the day the built-in content was made. */
export const TODAY = new Date('2026-11-23T10:00:00');

/** A fresh project folder, started as a copy of `startFrom` (the real content/ unless told). */
export async function newProject(dirs: Dirs, startFrom = builtInContent): Promise<ProjectStore> {
  return ProjectStore.open(join(await dirs.make('vores-sted-editor-'), 'projekt'), startFrom);
}

/** A story with everything the checklist asks for, in both languages. */
export function finishedDraft(id: string, change: Partial<StoryDraft> = {}): StoryDraft {
  return {
    id,
    coreTasks: ['faellesskab-og-fritid'],
    villages: [KNOWN_VILLAGE],
    title: { da: 'Høstmarked på „Gården“', en: 'Harvest market at “the Farm”' },
    summary: { da: 'Æbler, øl og årets første grønkål.', en: 'Apples, beer and the first kale of the year.' },
    easySummary: { da: '', en: '' },
    body: { da: '## Lørdag\n\nVi mødes kl. 10.\n', en: '## Saturday\n\nWe meet at 10.\n' },
    media: [],
    sources: [],
    example: true,
    highlight: false,
    validFrom: '',
    validTo: '',
    publicUrl: '',
    ...change,
  };
}

/**
 * A message staff can be shown: never the English of the schema or the log ("Invalid …", "… must …"). Looser
 * than host/support's isDanish, whose short word list misses plain Danish like "Vælg mindst én kerneopgave".
 */
export function forStaff(message: string): boolean {
  return message.trim() !== '' && !isEnglish(message);
}

/** An importer for tests that never upload a Word document. */
export const noDocx: DocxImporter = () => Promise.resolve({ ok: false, messageDa: 'Word-import bruges ikke i denne test.' });

export interface TestEditor {
  host: EditorHost;
  /** Where the editor keeps its settings and built bundles. */
  dataDir: string;
  /** A folder the editor offers as a USB stick. */
  stick: string;
}

/** An editor host on a new project made from the real content/, with one stick folder. */
export async function openTestEditor(dirs: Dirs, options: Partial<EditorHostOptions> = {}): Promise<TestEditor> {
  const root = await dirs.make('vores-sted-editor-');
  const dataDir = join(root, 'editor');
  const stick = join(root, 'USB-STIK');
  await mkdir(stick);
  const host = await EditorHost.open({
    projectDir: join(dataDir, 'projekt'),
    startFrom: builtInContent,
    dataDir,
    stickFolders: [stick],
    importDocx: noDocx,
    now: () => TODAY,
    ...options,
  });
  return { host, dataDir, stick };
}
