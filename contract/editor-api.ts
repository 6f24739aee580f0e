import * as v from 'valibot';
import { CORE_TASK_IDS, STORY_ID, type CoreTaskId, type GeoData, type Village } from './content.js';

// The one contract between the staff editor page and the editor host (127.0.0.1, token per launch).
// A draft may be unfinished (empty titles, missing alt text): the editor saves it as typed and the
// checklist says what must be fixed before "Gem til USB". The schemas below only keep drafts well-formed
// (types, lengths, ids); the content schema in content.ts decides what may reach a kiosk.

const text = (max: number) => v.pipe(v.string(), v.maxLength(max));
const DraftText = v.strictObject({ da: text(4000), en: text(4000) });
export type DraftText = v.InferOutput<typeof DraftText>;

const mediaFile = v.pipe(v.string(), v.regex(/^media\/[a-z0-9][a-z0-9._-]*$/), v.maxLength(120));

export const DraftMedia = v.strictObject({
  type: v.picklist(['image', 'video', 'audio']),
  file: mediaFile,
  /** For images: the pixel size read when the file was added. */
  width: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  height: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1))),
  /** Alt text for pictures and video, the transcript for sound. */
  alt: DraftText,
  caption: DraftText,
  credit: text(300),
});
export type DraftMedia = v.InferOutput<typeof DraftMedia>;

export const DraftSource = v.strictObject({ publisher: text(200), title: text(300), url: text(500) });
export type DraftSource = v.InferOutput<typeof DraftSource>;

const dateOrEmpty = v.pipe(v.string(), v.regex(/^(\d{4}-\d{2}-\d{2})?$/, 'must be a date (YYYY-MM-DD) or empty'));

export const StoryDraft = v.strictObject({
  id: v.pipe(v.string(), v.regex(STORY_ID)),
  coreTasks: v.pipe(v.array(v.picklist(CORE_TASK_IDS)), v.maxLength(CORE_TASK_IDS.length)),
  villages: v.pipe(v.array(v.pipe(v.number(), v.integer())), v.maxLength(200)),
  title: DraftText,
  summary: DraftText,
  easySummary: DraftText,
  /** Markdown, as the kiosk shows it (headings, paragraphs, lists, emphasis, quotes, pictures). */
  body: v.strictObject({ da: text(200_000), en: text(200_000) }),
  media: v.pipe(v.array(DraftMedia), v.maxLength(40)),
  sources: v.pipe(v.array(DraftSource), v.maxLength(20)),
  example: v.boolean(),
  /** Shown in turn on the attract screen. */
  highlight: v.boolean(),
  validFrom: dateOrEmpty,
  validTo: dateOrEmpty,
  publicUrl: text(500),
});
export type StoryDraft = v.InferOutput<typeof StoryDraft>;

/** A core task's texts as staff may change them (colour, icon and source stay as the content has them). */
export const DraftCoreTask = v.strictObject({
  id: v.picklist(CORE_TASK_IDS),
  title: DraftText,
  intro: DraftText,
  body: v.pipe(v.array(DraftText), v.maxLength(20)),
});
export type DraftCoreTask = v.InferOutput<typeof DraftCoreTask>;

/** The attract screen's and the credits screen's own texts. */
export const DraftKioskTexts = v.strictObject({ attractTitle: DraftText, attractSubtitle: DraftText, about: DraftText });
export type DraftKioskTexts = v.InferOutput<typeof DraftKioskTexts>;

export const EditorRequestSchemas = {
  /** The project as it is on disk now. */
  open: v.strictObject({}),
  /** Autosave of one story (the whole draft each time: simple, and a lost request loses nothing older). */
  saveStory: v.strictObject({ story: StoryDraft }),
  newStory: v.strictObject({ title: text(200) }),
  saveCoreTask: v.strictObject({ task: DraftCoreTask }),
  saveKioskTexts: v.strictObject({ texts: DraftKioskTexts }),
  deleteStory: v.strictObject({ id: v.pipe(v.string(), v.regex(STORY_ID)) }),
  checklist: v.strictObject({}),
  listSticks: v.strictObject({}),
  saveToUsb: v.strictObject({ stick: text(1000) }),
  settings: v.strictObject({}),
  setKeyPath: v.strictObject({ keyPath: text(1000) }),
} as const;

export type EditorMethod = keyof typeof EditorRequestSchemas;
export type EditorRequest<M extends EditorMethod> = v.InferOutput<(typeof EditorRequestSchemas)[M]>;

/** One thing to fix (error) or consider (warning), with the form field it is about. */
export interface ChecklistItem {
  level: 'error' | 'warning';
  /** The story it concerns; null for the project as a whole. */
  storyId: string | null;
  /** The form field to jump to, e.g. "title.en", "media.0.alt.da", "coreTasks"; null for none. */
  field: string | null;
  messageDa: string;
}

export interface EditorCoreTask {
  id: CoreTaskId;
  colour: string;
  title: string;
}

export interface EditorProject {
  title: string;
  /** The version the next "Gem til USB" will get. */
  nextVersion: number;
  stories: StoryDraft[];
  coreTasks: EditorCoreTask[];
  /** The core tasks' texts, for their own forms. */
  coreTaskTexts: DraftCoreTask[];
  kioskTexts: DraftKioskTexts | null;
  villages: Village[];
  /** The map villages are picked on; null when the project's geodata cannot be read. */
  geo: GeoData | null;
  checklist: ChecklistItem[];
  /** Where drafts are kept, shown so staff (or IT) can find them. */
  projectDir: string;
  /** The live preview (the real kiosk showing this project); null until it runs. */
  previewUrl: string | null;
}

export interface StickChoice {
  path: string;
  label: string;
}

/** What an upload (Word document or a medium) gave back. */
export interface ImportNote {
  messageDa: string;
}

export interface EditorResponses {
  open: EditorProject;
  saveStory: { ok: true; checklist: ChecklistItem[] };
  newStory: { story: StoryDraft };
  saveCoreTask: { ok: true; checklist: ChecklistItem[] };
  saveKioskTexts: { ok: true; checklist: ChecklistItem[] };
  deleteStory: { ok: true; checklist: ChecklistItem[] };
  checklist: { checklist: ChecklistItem[] };
  listSticks: { sticks: StickChoice[] };
  saveToUsb: { ok: true; version: number; messageDa: string } | { ok: false; messageDa: string; checklist: ChecklistItem[] };
  settings: { keyPath: string; keyOk: boolean; messageDa: string };
  setKeyPath: { keyPath: string; keyOk: boolean; messageDa: string };
}
export type EditorResponse<M extends EditorMethod> = EditorResponses[M];

/** Uploads are raw bytes (POST /api/upload/<kind>?name=…), not JSON. */
export type UploadResponses = {
  docx: { ok: true; story: StoryDraft; notes: ImportNote[] } | { ok: false; messageDa: string };
  media: { ok: true; medium: DraftMedia; notes: ImportNote[] } | { ok: false; messageDa: string };
  /** A bundle opened as the project (the old project is kept beside it). */
  bundle: { ok: true; messageDa: string } | { ok: false; messageDa: string };
};

export function isEditorMethod(name: string): name is EditorMethod {
  return Object.hasOwn(EditorRequestSchemas, name);
}

/** The header that carries the per-launch token (the page reads it from its own URL). */
export const EDITOR_TOKEN_HEADER = 'x-vores-sted-token';
