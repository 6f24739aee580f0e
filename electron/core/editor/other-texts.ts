import type { DraftCoreTask, DraftKioskTexts, DraftText } from '../../../contract/editor-api.js';

// The core tasks' and the kiosk's own texts, between their files and the editor's forms. As with stories,
// reading forgives and writing keeps everything the forms do not show (colours, icons, sources, quotes,
// credits), so staff can reword a text without touching what IT or the sources decided.

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value: unknown): string => (typeof value === 'string' ? value : '');

function draftText(value: unknown): DraftText {
  return isRecord(value) ? { da: str(value['da']), en: str(value['en']) } : { da: '', en: '' };
}

function localized(text: DraftText): { da: string; en?: string } {
  const en = text.en.trim();
  return en === '' ? { da: text.da.trim() } : { da: text.da.trim(), en };
}

export function coreTaskDrafts(raw: unknown): DraftCoreTask[] {
  if (!Array.isArray(raw)) return [];
  return raw.filter(isRecord).flatMap((task) => {
    const id = task['id'];
    if (typeof id !== 'string') return [];
    const body = Array.isArray(task['body']) ? task['body'].map(draftText) : [];
    return [{ id: id as DraftCoreTask['id'], title: draftText(task['title']), intro: draftText(task['intro']), body }];
  });
}

/** core-tasks.json with one task's texts replaced; null when the task is not in the file. */
export function withCoreTask(raw: unknown, draft: DraftCoreTask): unknown[] | null {
  if (!Array.isArray(raw)) return null;
  const index = raw.findIndex((task) => isRecord(task) && task['id'] === draft.id);
  if (index < 0) return null;
  const next = [...raw];
  next[index] = {
    ...(raw[index] as Raw),
    title: localized(draft.title),
    intro: localized(draft.intro),
    body: draft.body.filter((p) => p.da.trim() !== '' || p.en.trim() !== '').map(localized),
  };
  return next;
}

export function kioskTextsDraft(raw: unknown): DraftKioskTexts | null {
  if (!isRecord(raw)) return null;
  const attract = isRecord(raw['attract']) ? raw['attract'] : {};
  return { attractTitle: draftText(attract['title']), attractSubtitle: draftText(attract['subtitle']), about: draftText(raw['about']) };
}

export function withKioskTexts(raw: unknown, draft: DraftKioskTexts): Raw {
  const base = isRecord(raw) ? raw : {};
  const attract = isRecord(base['attract']) ? base['attract'] : {};
  return {
    ...base,
    attract: { ...attract, title: localized(draft.attractTitle), subtitle: localized(draft.attractSubtitle) },
    about: localized(draft.about),
  };
}
