import { access, cp, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { DraftText, StoryDraft } from '../../../contract/editor-api.js';
import { CONTENT_FILES } from '../../../contract/content.js';
import { writeFileAtomic } from '../bundle/fs-safe.js';
import { bodyFileName } from '../content/load-stories.js';
import { createLogger } from '../logger.js';
import { draftToEntry, entryToDraft } from './story-drafts.js';

// The staff's working copy: an ordinary content folder (the same files a bundle carries) in the editor's
// data folder. Every save is an atomic file replace, so a power cut leaves the last saved draft, never a
// half-written one; nothing outside this folder is ever changed.

const log = createLogger('editor-project');

export class ProjectError extends Error {
  constructor(
    readonly messageDa: string,
    messageEn: string,
  ) {
    super(messageEn);
    this.name = 'ProjectError';
  }
}

const exists = (path: string): Promise<boolean> => access(path).then(() => true, () => false);
/** A stories.json entry's id; a damaged entry (null, a number) has none instead of crashing the editor. */
const idOf = (raw: unknown): unknown => (typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined);

export class ProjectStore {
  /** One write at a time, in order: two quick autosaves must not interleave their files. */
  #queue: Promise<unknown> = Promise.resolve();

  private constructor(readonly dir: string) {}

  /**
   * Opens the project folder; the first time, it is made as a copy of `startFrom` (the built-in Lejre
   * content or another content folder), so staff start from what the kiosk shows.
   */
  static async open(dir: string, startFrom: string): Promise<ProjectStore> {
    if (!(await exists(join(dir, CONTENT_FILES.manifest)))) {
      log.info({ dir, startFrom }, 'new editor project from a content folder');
      await mkdir(dirname(dir), { recursive: true });
      const temp = `${dir}.making`;
      await rm(temp, { recursive: true, force: true });
      await cp(startFrom, temp, { recursive: true });
      await rm(dir, { recursive: true, force: true });
      await rename(temp, dir);
    }
    return new ProjectStore(dir);
  }

  #serial<T>(work: () => Promise<T>): Promise<T> {
    const next = this.#queue.then(work, work);
    this.#queue = next.catch(() => undefined);
    return next;
  }

  async #rawStories(): Promise<unknown[]> {
    const text = await readFile(join(this.dir, CONTENT_FILES.stories), 'utf8').catch(() => '[]');
    try {
      const parsed: unknown = JSON.parse(text);
      return Array.isArray(parsed) ? parsed : [];
    } catch {
      log.warn({ dir: this.dir }, 'stories.json is not JSON; starting from an empty list');
      return [];
    }
  }

  async #body(id: string): Promise<DraftText> {
    const read = (lang: 'da' | 'en'): Promise<string> => readFile(join(this.dir, bodyFileName(id, lang)), 'utf8').catch(() => '');
    return { da: await read('da'), en: await read('en') };
  }

  async stories(): Promise<StoryDraft[]> {
    const drafts: StoryDraft[] = [];
    for (const raw of await this.#rawStories()) {
      const id = idOf(raw);
      const draft = entryToDraft(raw, typeof id === 'string' ? await this.#body(id) : { da: '', en: '' });
      if (draft) drafts.push(draft);
    }
    return drafts;
  }

  /** Replaces (or adds) one story: its entry in stories.json and its body files. */
  saveStory(draft: StoryDraft): Promise<void> {
    return this.#serial(async () => {
      const raws = await this.#rawStories();
      const index = raws.findIndex((raw) => idOf(raw) === draft.id);
      const entry = draftToEntry(draft, index >= 0 ? raws[index] : undefined);
      if (index >= 0) raws[index] = entry;
      else raws.unshift(entry); // a new story comes first, where staff look
      await mkdir(join(this.dir, 'stories'), { recursive: true });
      for (const lang of ['da', 'en'] as const) {
        const path = join(this.dir, bodyFileName(draft.id, lang));
        const text = draft.body[lang];
        if (text.trim() === '' && lang === 'en') await rm(path, { force: true });
        else await writeFileAtomic(path, text.endsWith('\n') || text === '' ? text : `${text}\n`);
      }
      await writeFileAtomic(join(this.dir, CONTENT_FILES.stories), `${JSON.stringify(raws, null, 2)}\n`);
    });
  }

  deleteStory(id: string): Promise<void> {
    return this.#serial(async () => {
      const raws = await this.#rawStories();
      const kept = raws.filter((raw) => idOf(raw) !== id);
      if (kept.length === raws.length) throw new ProjectError('Historien findes ikke (længere).', `no story "${id}"`);
      await writeFileAtomic(join(this.dir, CONTENT_FILES.stories), `${JSON.stringify(kept, null, 2)}\n`);
      for (const lang of ['da', 'en'] as const) await rm(join(this.dir, bodyFileName(id, lang)), { force: true });
    });
  }

  /** Stores a medium's bytes as media/<name>; an existing name gets a number, so nothing is overwritten. */
  addMediaFile(name: string, bytes: Uint8Array): Promise<string> {
    return this.#serial(async () => {
      await mkdir(join(this.dir, 'media'), { recursive: true });
      const dot = name.lastIndexOf('.');
      const stem = dot > 0 ? name.slice(0, dot) : name;
      const ext = dot > 0 ? name.slice(dot) : '';
      let file = `media/${name}`;
      for (let n = 2; await exists(join(this.dir, file)); n++) file = `media/${stem}-${n}${ext}`;
      await writeFileAtomic(join(this.dir, file), bytes);
      return file;
    });
  }

  /**
   * Makes another content folder the project. The project it replaces is kept beside it (renamed with the
   * time), so opening a bundle by mistake loses nothing.
   */
  replaceWith(contentDir: string, now: Date): Promise<string> {
    return this.#serial(async () => {
      const backup = `${this.dir}-forrige-${now.toISOString().replace(/[:.]/g, '-')}`;
      const temp = `${this.dir}.making`;
      await rm(temp, { recursive: true, force: true });
      await cp(contentDir, temp, { recursive: true });
      await rename(this.dir, backup);
      await rename(temp, this.dir);
      log.info({ dir: this.dir, backup }, 'project replaced; the old one is kept');
      return backup;
    });
  }

  async readJson(file: string): Promise<unknown> {
    return JSON.parse(await readFile(join(this.dir, file), 'utf8')) as unknown;
  }

  /** Replaces a JSON file of the content after `change` made its new value from the old (atomic, in turn). */
  updateJson(file: string, change: (raw: unknown) => unknown): Promise<void> {
    return this.#serial(async () => {
      const raw = await this.readJson(file).catch(() => null);
      const next = change(raw);
      if (next === null) throw new ProjectError('Det, du rettede, findes ikke (længere) i indholdet.', `${file}: nothing to update`);
      await writeFileAtomic(join(this.dir, file), `${JSON.stringify(next, null, 2)}\n`);
    });
  }

  /** Sets the content manifest's version and creation time (just before a bundle is built). */
  stampManifest(version: number, created: Date): Promise<void> {
    return this.#serial(async () => {
      const manifest = (await this.readJson(CONTENT_FILES.manifest)) as Record<string, unknown>;
      const stamped = { ...manifest, version, created: created.toISOString() };
      await writeFileAtomic(join(this.dir, CONTENT_FILES.manifest), `${JSON.stringify(stamped, null, 2)}\n`);
    });
  }
}
