import { CORE_TASK_IDS, type CoreTaskId } from '../../../contract/content.js';
import type { DraftMedia, DraftSource, DraftText, StoryDraft } from '../../../contract/editor-api.js';

// Between what staff type (a draft: every field present, empty strings allowed) and what a content folder
// holds (stories.json entries, where an empty English text is simply absent). Reading is forgiving — a
// half-typed story from a power cut still opens — and writing keeps fields the editor does not know
// (added to the content model later), so saving in an older editor never drops them.

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function draftText(value: unknown): DraftText {
  return isRecord(value) ? { da: str(value['da']), en: str(value['en']) } : { da: '', en: '' };
}

function draftMedia(value: unknown): DraftMedia | null {
  if (!isRecord(value)) return null;
  const type = value['type'];
  if (type !== 'image' && type !== 'video' && type !== 'audio') return null;
  const file = str(value['file']);
  if (!/^media\/[a-z0-9][a-z0-9._-]*$/.test(file)) return null;
  const size = (key: string): number | undefined => {
    const n = value[key];
    return typeof n === 'number' && Number.isInteger(n) && n > 0 ? n : undefined;
  };
  const width = size('width');
  const height = size('height');
  return {
    type,
    file,
    ...(width !== undefined ? { width } : {}),
    ...(height !== undefined ? { height } : {}),
    alt: draftText(type === 'audio' ? value['transcript'] : value['alt']),
    caption: draftText(value['caption']),
    credit: str(value['credit']),
  };
}

function draftSource(value: unknown): DraftSource | null {
  if (!isRecord(value)) return null;
  return { publisher: str(value['publisher']), title: str(value['title']), url: str(value['url']) };
}

/** A stories.json entry (valid or not) and its Markdown bodies as a draft the form can show. */
export function entryToDraft(raw: unknown, body: DraftText): StoryDraft | null {
  if (!isRecord(raw) || typeof raw['id'] !== 'string') return null;
  const list = (key: string): unknown[] => (Array.isArray(raw[key]) ? (raw[key] as unknown[]) : []);
  return {
    id: raw['id'],
    coreTasks: list('coreTasks').filter((id): id is CoreTaskId => (CORE_TASK_IDS as readonly unknown[]).includes(id)),
    villages: list('villages').filter((id): id is number => typeof id === 'number' && Number.isInteger(id)),
    title: draftText(raw['title']),
    summary: draftText(raw['summary']),
    easySummary: draftText(raw['easySummary']),
    body,
    media: list('media').map(draftMedia).filter((m): m is DraftMedia => m !== null),
    sources: list('sources').map(draftSource).filter((s): s is DraftSource => s !== null),
    example: raw['example'] === true,
    highlight: raw['highlight'] === true,
    validFrom: str(raw['validFrom']),
    validTo: str(raw['validTo']),
    publicUrl: str(raw['publicUrl']),
  };
}

function localized(text: DraftText): { da: string; en?: string } {
  const en = text.en.trim();
  return en === '' ? { da: text.da.trim() } : { da: text.da.trim(), en };
}

function hasText(text: DraftText): boolean {
  return text.da.trim() !== '' || text.en.trim() !== '';
}

/** The sizes a built folder already has of a picture (a 4K copy among them): kept, so a save never loses them. */
function knownVariants(previous: unknown, file: string): unknown[] | null {
  if (!isRecord(previous) || !Array.isArray(previous['media'])) return null;
  const medium = previous['media'].find((m: unknown) => isRecord(m) && m['file'] === file) as unknown;
  return isRecord(medium) && Array.isArray(medium['variants']) ? medium['variants'] : null;
}

function mediaEntry(medium: DraftMedia, previous: unknown): Raw {
  const common = {
    file: medium.file,
    ...(hasText(medium.caption) ? { caption: localized(medium.caption) } : {}),
    credit: medium.credit.trim(),
  };
  switch (medium.type) {
    case 'image': {
      const variants = knownVariants(previous, medium.file);
      return { type: 'image', ...common, width: medium.width ?? 0, height: medium.height ?? 0, ...(variants ? { variants } : {}), alt: localized(medium.alt) };
    }
    case 'video':
      return { type: 'video', ...common, alt: localized(medium.alt) };
    case 'audio':
      return { type: 'audio', ...common, transcript: localized(medium.alt) };
  }
}

/**
 * The stories.json entry for a draft, on top of the entry it replaces (fields unknown to the editor are
 * kept). Empty optional fields are left out, so a finished draft is exactly what the content schema wants
 * and an unfinished one fails it with a message the checklist can point at.
 */
export function draftToEntry(draft: StoryDraft, previous: unknown): Raw {
  const kept: Raw = isRecord(previous) ? { ...previous } : {};
  for (const key of ['easySummary', 'validFrom', 'validTo', 'publicUrl', 'media', 'sources', 'highlight']) delete kept[key];
  return {
    ...kept,
    id: draft.id,
    coreTasks: [...draft.coreTasks],
    villages: [...draft.villages],
    title: localized(draft.title),
    summary: localized(draft.summary),
    ...(hasText(draft.easySummary) ? { easySummary: localized(draft.easySummary) } : {}),
    media: draft.media.map((medium) => mediaEntry(medium, previous)),
    sources: draft.sources.map((s) => ({ publisher: s.publisher.trim(), title: s.title.trim(), url: s.url.trim() })),
    example: draft.example,
    ...(draft.highlight ? { highlight: true } : {}),
    ...(draft.validFrom ? { validFrom: draft.validFrom } : {}),
    ...(draft.validTo ? { validTo: draft.validTo } : {}),
    ...(draft.publicUrl.trim() ? { publicUrl: draft.publicUrl.trim() } : {}),
  };
}

/** An id for a new story from its title: lower-case ascii, æøå spelled out, unique among `taken`. */
export function storyIdFor(title: string, taken: ReadonlySet<string>): string {
  const base =
    title
      .toLowerCase()
      .replace(/æ/g, 'ae')
      .replace(/ø/g, 'oe')
      .replace(/å/g, 'aa')
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 56)
      .replace(/-+$/, '') || 'historie';
  let id = base;
  for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
  return id;
}

/** A blank story as "Ny historie" starts it. */
export function emptyDraft(id: string, title: string): StoryDraft {
  const blank = (): DraftText => ({ da: '', en: '' });
  return {
    id,
    coreTasks: [],
    villages: [],
    title: { da: title, en: '' },
    summary: blank(),
    easySummary: blank(),
    body: blank(),
    media: [],
    sources: [],
    example: false,
    highlight: false,
    validFrom: '',
    validTo: '',
    publicUrl: '',
  };
}
