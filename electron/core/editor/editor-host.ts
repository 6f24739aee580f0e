import { join } from 'node:path';
import * as v from 'valibot';
import {
  EditorRequestSchemas,
  isEditorMethod,
  type DraftMedia,
  type EditorMethod,
  type EditorRequest,
  type EditorResponse,
  type ImportNote,
  type StoryDraft,
  type UploadResponses,
} from '../../../contract/editor-api.js';
import { CONTENT_FILES, ContentManifest, CoreTasksFile, FeatureCollection, VillagesFile, type GeoData } from '../../../contract/content.js';
import { createLogger } from '../logger.js';
import { buildChecklist } from './checklist.js';
import { checkKey, nextVersion, readSettings, writeSettings } from './editor-settings.js';
import { inspectMedium } from './media-intake.js';
import { coreTaskDrafts, kioskTextsDraft, withCoreTask, withKioskTexts } from './other-texts.js';
import { unpackBundleForEditing } from './open-bundle.js';
import { ProjectError, ProjectStore } from './project-store.js';
import { bundlesFolder, listSticks, saveToStick } from './save-to-usb.js';
import { emptyDraft, storyIdFor } from './story-drafts.js';

// The editor's host side, plain Node: every request is validated with the contract's schemas, then
// answered from the project folder. The HTTP server around it only adds the token and the transport.

const log = createLogger('editor-host');

export interface ImportedDocument {
  title: string | null;
  summary: string | null;
  bodyMarkdown: string;
  images: { fileName: string; bytes: Uint8Array; altText: string | null }[];
  notes: ImportNote[];
}

export type DocxImporter = (bytes: Buffer) => Promise<{ ok: true; document: ImportedDocument } | { ok: false; messageDa: string }>;

export interface EditorHostOptions {
  projectDir: string;
  /** The content a new project starts from (the built-in Lejre content). */
  startFrom: string;
  dataDir: string;
  /** Folders offered as sticks besides the mounted drives (IT's choice; tests use it). */
  stickFolders: readonly string[];
  importDocx: DocxImporter;
  now?: () => Date;
}

export type EditorResult = { status: number; body: unknown };

export class EditorHost {
  readonly #listeners = new Set<() => void>();
  readonly #now: () => Date;
  /** Set once the preview kiosk runs. */
  previewUrl: string | null = null;

  private constructor(
    readonly project: ProjectStore,
    readonly options: EditorHostOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  static async open(options: EditorHostOptions): Promise<EditorHost> {
    return new EditorHost(await ProjectStore.open(options.projectDir, options.startFrom), options);
  }

  /** Called after every change on disk (the live preview reloads). */
  onProjectChanged(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of this.#listeners) listener();
  }

  async #checklist(stories?: StoryDraft[]): Promise<EditorResponse<'checklist'>['checklist']> {
    return buildChecklist(this.project.dir, stories ?? (await this.project.stories()), this.#now());
  }

  async #contentVersion(): Promise<number> {
    const manifest = v.safeParse(ContentManifest, await this.project.readJson(CONTENT_FILES.manifest).catch(() => null));
    return manifest.success ? manifest.output.version : 0;
  }

  async #geo(): Promise<GeoData | null> {
    const read = async (file: string): Promise<GeoData['municipality'] | null> => {
      const parsed = v.safeParse(FeatureCollection, await this.project.readJson(file).catch(() => null));
      return parsed.success ? parsed.output : null;
    };
    const [municipality, parishes, water, context] = await Promise.all([
      read(CONTENT_FILES.municipality),
      read(CONTENT_FILES.parishes),
      read(CONTENT_FILES.water),
      read(CONTENT_FILES.context),
    ]);
    return municipality && parishes && water && context ? { municipality, parishes, water, context } : null;
  }

  async #open(): Promise<EditorResponse<'open'>> {
    const stories = await this.project.stories();
    const tasks = v.safeParse(CoreTasksFile, await this.project.readJson(CONTENT_FILES.coreTasks).catch(() => null));
    const villages = v.safeParse(VillagesFile, await this.project.readJson(CONTENT_FILES.villages).catch(() => null));
    const manifest = v.safeParse(ContentManifest, await this.project.readJson(CONTENT_FILES.manifest).catch(() => null));
    const settings = await readSettings(this.options.dataDir);
    return {
      title: manifest.success ? manifest.output.title.da : 'Vores Sted',
      nextVersion: nextVersion(settings.lastVersion, await this.#contentVersion(), this.#now()),
      stories,
      coreTasks: tasks.success ? tasks.output.map((t) => ({ id: t.id, colour: t.colour, title: t.title.da })) : [],
      coreTaskTexts: coreTaskDrafts(await this.project.readJson(CONTENT_FILES.coreTasks).catch(() => null)),
      kioskTexts: kioskTextsDraft(await this.project.readJson(CONTENT_FILES.texts).catch(() => null)),
      villages: villages.success ? villages.output.villages : [],
      geo: await this.#geo(),
      checklist: await this.#checklist(stories),
      projectDir: this.project.dir,
      previewUrl: this.previewUrl,
    };
  }

  async #answer<M extends EditorMethod>(method: M, request: EditorRequest<M>): Promise<EditorResponse<EditorMethod>> {
    const typed = { method, request } as { [K in EditorMethod]: { method: K; request: EditorRequest<K> } }[EditorMethod];
    switch (typed.method) {
      case 'open':
        return this.#open();
      case 'saveStory': {
        await this.project.saveStory(typed.request.story);
        this.#changed();
        return { ok: true, checklist: await this.#checklist() };
      }
      case 'newStory': {
        const stories = await this.project.stories();
        const title = typed.request.title.trim() || 'Ny historie';
        const story = emptyDraft(storyIdFor(title, new Set(stories.map((s) => s.id))), title);
        await this.project.saveStory(story);
        this.#changed();
        return { story };
      }
      case 'saveCoreTask': {
        const task = typed.request.task;
        await this.project.updateJson(CONTENT_FILES.coreTasks, (raw) => withCoreTask(raw, task));
        this.#changed();
        return { ok: true, checklist: await this.#checklist() };
      }
      case 'saveKioskTexts': {
        const texts = typed.request.texts;
        await this.project.updateJson(CONTENT_FILES.texts, (raw) => withKioskTexts(raw, texts));
        this.#changed();
        return { ok: true, checklist: await this.#checklist() };
      }
      case 'deleteStory':
        await this.project.deleteStory(typed.request.id);
        this.#changed();
        return { ok: true, checklist: await this.#checklist() };
      case 'checklist':
        return { checklist: await this.#checklist() };
      case 'listSticks':
        return { sticks: await listSticks(this.options.stickFolders) };
      case 'saveToUsb':
        return this.#saveToUsb(typed.request.stick);
      case 'settings': {
        const settings = await readSettings(this.options.dataDir);
        return { keyPath: settings.keyPath, ...(await checkKey(settings.keyPath)) };
      }
      case 'setKeyPath': {
        const settings = await readSettings(this.options.dataDir);
        const keyPath = typed.request.keyPath.trim();
        await writeSettings(this.options.dataDir, { ...settings, keyPath });
        return { keyPath, ...(await checkKey(keyPath)) };
      }
    }
  }

  async #saveToUsb(stick: string): Promise<EditorResponse<'saveToUsb'>> {
    const settings = await readSettings(this.options.dataDir);
    const checklist = await this.#checklist();
    const key = await checkKey(settings.keyPath);
    if (!key.keyOk) return { ok: false, messageDa: key.messageDa, checklist };
    const known = await listSticks(this.options.stickFolders);
    if (!known.some((choice) => choice.path === stick)) {
      return { ok: false, messageDa: 'USB-stikket kan ikke findes. Sæt det i igen, og vælg det på listen.', checklist };
    }
    const version = nextVersion(settings.lastVersion, await this.#contentVersion(), this.#now());
    const outcome = await saveToStick({
      projectDir: this.project.dir,
      stickDir: stick,
      keyPath: settings.keyPath,
      version,
      checklist,
      outDir: bundlesFolder(this.options.dataDir),
      stampManifest: (n) => this.project.stampManifest(n, this.#now()),
    });
    if (!outcome.ok) return { ok: false, messageDa: outcome.messageDa, checklist };
    await writeSettings(this.options.dataDir, { ...settings, lastVersion: outcome.version });
    return outcome;
  }

  /** One JSON request: validated with the contract before anything else happens. */
  async handle(method: string, payload: unknown): Promise<EditorResult> {
    if (!isEditorMethod(method)) return { status: 404, body: { error: 'unknown method' } };
    const parsed = v.safeParse(EditorRequestSchemas[method], payload);
    if (!parsed.success) {
      const issue = parsed.issues[0];
      log.warn({ method, path: issue.path?.map((p) => String(p.key)).join('.'), message: issue.message }, 'editor request refused');
      return { status: 400, body: { error: 'invalid request' } };
    }
    try {
      return { status: 200, body: await this.#answer(method, parsed.output as EditorRequest<typeof method>) };
    } catch (error) {
      if (error instanceof ProjectError) return { status: 409, body: { error: error.message, messageDa: error.messageDa } };
      throw error;
    }
  }

  /** A dropped file: a Word document becomes a new story, a medium is stored for the story being edited. */
  async upload<K extends keyof UploadResponses>(kind: K, name: string, bytes: Buffer): Promise<UploadResponses[K]>;
  async upload(kind: keyof UploadResponses, name: string, bytes: Buffer): Promise<UploadResponses[keyof UploadResponses]> {
    switch (kind) {
      case 'docx':
        return this.#importDocx(name, bytes);
      case 'media':
        return this.#addMedium(name, bytes);
      case 'bundle':
        return this.#openBundle(bytes);
    }
  }

  async #openBundle(bytes: Buffer): Promise<UploadResponses['bundle']> {
    const settings = await readSettings(this.options.dataDir);
    const opened = await unpackBundleForEditing(bytes, settings.keyPath, join(this.options.dataDir, 'open-bundle'));
    if (!opened.ok) return opened;
    try {
      const backup = await this.project.replaceWith(opened.contentDir, this.#now());
      this.#changed();
      return { ok: true, messageDa: `Pakken (version ${opened.version}) er åbnet. Det, du arbejdede på før, er gemt i ${backup}.` };
    } finally {
      await opened.cleanUp();
    }
  }

  async #addMedium(name: string, bytes: Buffer): Promise<UploadResponses['media']> {
    const intake = await inspectMedium(name, bytes);
    if (!intake.ok) return intake;
    const file = await this.project.addMediaFile(intake.name, bytes);
    const blank = { da: '', en: '' };
    const medium: DraftMedia = {
      type: intake.kind,
      file,
      ...(intake.width !== undefined ? { width: intake.width } : {}),
      ...(intake.height !== undefined ? { height: intake.height } : {}),
      alt: { ...blank },
      caption: { ...blank },
      credit: '',
    };
    return { ok: true, medium, notes: intake.notes };
  }

  async #importDocx(name: string, bytes: Buffer): Promise<UploadResponses['docx']> {
    const imported = await this.options.importDocx(bytes);
    if (!imported.ok) return imported;
    const { document } = imported;
    const stories = await this.project.stories();
    const title = document.title ?? name.replace(/\.docx$/i, '');
    const story = emptyDraft(storyIdFor(title, new Set(stories.map((s) => s.id))), title);
    story.summary.da = document.summary ?? '';
    const notes = [...document.notes];
    for (const image of document.images) {
      const medium = await this.#addMedium(image.fileName, Buffer.from(image.bytes));
      if (!medium.ok) {
        notes.push({ messageDa: medium.messageDa });
        continue;
      }
      notes.push(...medium.notes);
      story.media.push({ ...medium.medium, alt: { da: image.altText ?? '', en: '' } });
    }
    if (document.images.length > 0) {
      notes.push({ messageDa: 'Billederne fra dokumentet ligger nu i historiens billedgalleri. Skriv hvem der har taget dem (kreditering), og en alt-tekst hvor den mangler.' });
    }
    // Pictures are shown in the story's gallery (with credit and alt text), not twice in the text.
    const body = document.bodyMarkdown.replace(/^[ \t]*!\[[^\]]*\]\([^)]*\)[ \t]*\n?/gm, '').replace(/\n{3,}/g, '\n\n').trim();
    story.body.da = body;
    await this.project.saveStory(story);
    this.#changed();
    log.info({ story: story.id, images: document.images.length, notes: notes.length }, 'Word document imported');
    return { ok: true, story, notes };
  }
}
