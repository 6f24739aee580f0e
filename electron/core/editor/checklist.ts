import * as v from 'valibot';
import type { ChecklistItem, StoryDraft } from '../../../contract/editor-api.js';
import { StoryEntry } from '../../../contract/content.js';
import { inspectContent } from '../content/load-content.js';
import { describeIssueDa } from '../validation-messages.js';
import { draftToEntry } from './story-drafts.js';

// The list staff read before "Gem til USB": every error (the kiosk would refuse the content) and warning
// (visitors would notice) in Danish, each pointing at the form field to fix. Errors come from the very
// schema and loader the kiosk uses, so a clean checklist means the kiosk will show the bundle.

const LANGUAGE_DA: Record<string, string> = { da: 'dansk', en: 'engelsk' };

const FIELD_DA: Record<string, string> = {
  id: 'Historiens id',
  coreTasks: 'Kerneopgaver',
  villages: 'Byer',
  title: 'Titel',
  summary: 'Kort resumé',
  easySummary: 'Letlæst resumé',
  example: 'Eksempel',
  highlight: 'Fremhæv',
  validFrom: 'Vises fra',
  validTo: 'Vises til',
  publicUrl: 'Link til mere',
  alt: 'Alt-tekst',
  transcript: 'Udskrift',
  caption: 'Billedtekst',
  credit: 'Kreditering',
  publisher: 'Udgiver',
  url: 'Webadresse',
  file: 'Fil',
};

/** "media.0.alt.da" → "Medie 1: Alt-tekst (dansk)". */
export function fieldLabelDa(field: string): string {
  const parts = field.split('.');
  const words: string[] = [];
  let language = '';
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const next = parts[i + 1];
    if ((part === 'media' || part === 'sources') && next !== undefined && /^\d+$/.test(next)) {
      words.push(`${part === 'media' ? 'Medie' : 'Kilde'} ${Number(next) + 1}:`);
      i++;
    } else if (part === 'da' || part === 'en') {
      language = ` (${LANGUAGE_DA[part]})`;
    } else {
      words.push(FIELD_DA[part] ?? part);
    }
  }
  return `${words.join(' ')}${language}`;
}

/** The form's name for a schema path: media transcripts are typed in the same box as alt text. */
function formField(path: readonly (string | number)[]): string {
  return path.map((key) => (key === 'transcript' ? 'alt' : String(key))).join('.');
}

/** Plain words for the problems staff meet most; the schema's own description for the rest. */
function messageFor(field: string, issue: v.BaseIssue<unknown>): string {
  if (field === 'coreTasks') return 'Vælg mindst én kerneopgave, som historien hører til.';
  if (issue.message === 'must not be empty' || (issue.kind === 'schema' && issue.input === undefined)) {
    return `${fieldLabelDa(field)} mangler – udfyld feltet.`;
  }
  return `${fieldLabelDa(field)} ${describeIssueDa(issue)}.`;
}

function schemaItems(draft: StoryDraft): ChecklistItem[] {
  const result = v.safeParse(StoryEntry, draftToEntry(draft, undefined));
  if (result.success) return [];
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const issue of result.issues) {
    const field = formField(issue.path?.map((p) => p.key as string | number) ?? []);
    if (seen.has(field)) continue; // one message per field is enough
    seen.add(field);
    items.push({ level: 'error', storyId: draft.id, field: field || null, messageDa: messageFor(field, issue) });
  }
  return items;
}

function englishWarnings(draft: StoryDraft): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  const missing = (field: string, what: string): void => {
    items.push({ level: 'warning', storyId: draft.id, field, messageDa: `Der er ingen engelsk ${what} – engelsktalende besøgende ser den danske.` });
  };
  if (draft.title.da.trim() && !draft.title.en.trim()) missing('title.en', 'titel');
  if (draft.summary.da.trim() && !draft.summary.en.trim()) missing('summary.en', 'resumé');
  if (draft.body.da.trim() && !draft.body.en.trim()) missing('body.en', 'tekst');
  for (const [index, medium] of draft.media.entries()) {
    if (medium.alt.da.trim() && !medium.alt.en.trim()) missing(`media.${index}.alt.en`, `${medium.type === 'audio' ? 'udskrift' : 'alt-tekst'} til medie ${index + 1}`);
  }
  return items;
}

function duplicateIds(drafts: readonly StoryDraft[]): ChecklistItem[] {
  const seen = new Set<string>();
  const items: ChecklistItem[] = [];
  for (const draft of drafts) {
    if (seen.has(draft.id)) items.push({ level: 'error', storyId: draft.id, field: null, messageDa: `To historier har samme id „${draft.id}“ – slet den ene.` });
    seen.add(draft.id);
  }
  return items;
}

/** "[3].media[0]" from the loader → the story at that index and the form field "media.0". */
function locate(drafts: readonly StoryDraft[], file: string, field: string): { storyId: string | null; field: string | null } {
  const bodyFile = /^stories\/(.+)\.(da|en)\.md$/.exec(file);
  if (bodyFile) return { storyId: bodyFile[1] ?? null, field: `body.${bodyFile[2] ?? 'da'}` };
  const entry = /^\[(\d+)\]\.?(.*)$/.exec(field);
  if (file === 'stories.json' && entry) {
    const draft = drafts[Number(entry[1])];
    const rest = (entry[2] ?? '').replace(/\[(\d+)\]/g, '.$1').replace(/^\./, '');
    return { storyId: draft?.id ?? null, field: rest || null };
  }
  // A missing or broken media file is reported under its own name: point at the story that uses it.
  if (file.startsWith('media/')) {
    for (const draft of drafts) {
      const index = draft.media.findIndex((medium) => medium.file === file);
      if (index >= 0) return { storyId: draft.id, field: `media.${index}` };
      const lang = (['da', 'en'] as const).find((l) => draft.body[l].includes(`(${file}`));
      if (lang) return { storyId: draft.id, field: `body.${lang}` };
    }
  }
  return { storyId: null, field: null };
}

/**
 * Everything to fix in the project folder. `drafts` must be the stories in stories.json order (as the
 * project store reads them), so the loader's "[index]" findings land on the right story.
 */
export async function buildChecklist(projectDir: string, drafts: readonly StoryDraft[], now = new Date()): Promise<ChecklistItem[]> {
  const items = [...duplicateIds(drafts), ...drafts.flatMap(schemaItems)];
  if (items.length === 0) {
    // Only a schema-clean folder gets the loader's deeper checks (bodies, pictures on disk, dates).
    const report = await inspectContent(projectDir, { now });
    for (const problem of report.errors) items.push({ level: 'error', ...locate(drafts, problem.file, problem.field), messageDa: problem.messageDa });
    for (const problem of report.warnings) items.push({ level: 'warning', ...locate(drafts, problem.file, problem.field), messageDa: problem.messageDa });
  }
  items.push(...drafts.flatMap(englishWarnings));
  return items;
}
