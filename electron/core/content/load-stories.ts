import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Language } from '../../../contract/content.js';
import type { Story, StoryEntry } from '../../../contract/content.js';
import { WHOLE_FILE } from '../validation-messages.js';
import { bodyFileProblem, bodyNoteProblem } from './body-messages.js';
import { Findings, storyDa, storyEn } from './findings.js';
import { checkImageFile, checkMedium, listMediaFiles, type MediaCheck } from './media-checks.js';
import { BODY_IMAGE_PATH, bodyImageSources, renderStoryBody, type BodyImage } from './story-body.js';
import { readBodyFile } from './story-files.js';

// Turns the validated stories.json into Story objects with sanitised HTML bodies, checking everything
// the schema cannot see: ids against the villages, each body file, each media file.

const BODY_FILE = /^([a-z0-9][a-z0-9-]{0,63})\.(da|en)\.md$/;

export interface LoadedStories {
  /** Every story, whatever its dates: the host filters them by day (storiesValidOn). */
  stories: Story[];
  findings: Findings;
}

export function bodyFileName(id: string, language: Language): string {
  return `stories/${id}.${language}.md`;
}

function checkIds(entries: readonly StoryEntry[], villageIds: ReadonlySet<number>, findings: Findings): void {
  const firstIndex = new Map<string, number>();
  for (const [index, entry] of entries.entries()) {
    const seen = firstIndex.get(entry.id);
    if (seen !== undefined) {
      findings.error({
        file: 'stories.json',
        field: `[${index}].id`,
        messageDa: `Filen stories.json: feltet „[${index}].id“: ${storyDa(entry.id)} findes allerede (som nr. ${seen + 1}). Hver historie skal have sit eget id.`,
        messageEn: `stories.json: field "[${index}].id": ${storyEn(entry.id)} is listed more than once (first at [${seen}])`,
      });
    } else {
      firstIndex.set(entry.id, index);
    }
    for (const [position, village] of entry.villages.entries()) {
      if (villageIds.has(village)) continue;
      const field = `[${index}].villages[${position}]`;
      findings.error({
        file: 'stories.json',
        field,
        messageDa: `Filen stories.json: feltet „${field}“ (${storyDa(entry.id)}) nævner landsbyen med id ${village}, som ikke findes i geo/villages.json.`,
        messageEn: `stories.json: field "${field}" (${storyEn(entry.id)}): village id ${village} is not in geo/villages.json`,
      });
    }
    if (entry.validFrom !== undefined && entry.validTo !== undefined && entry.validTo < entry.validFrom) {
      const field = `[${index}].validTo`;
      findings.error({
        file: 'stories.json',
        field,
        messageDa: `Filen stories.json: feltet „${field}“ (${storyDa(entry.id)}) ligger før validFrom, så historien ville aldrig blive vist.`,
        messageEn: `stories.json: field "${field}" (${storyEn(entry.id)}) is before validFrom, so the story would never be shown`,
      });
    }
  }
}

/** The pictures a body may show: checked files, sized from the story's media entry when it lists them. */
async function bodyImages(markdown: string, entry: StoryEntry, check: MediaCheck): Promise<Map<string, BodyImage>> {
  const images = new Map<string, BodyImage>();
  for (const src of new Set(bodyImageSources(markdown))) {
    if (!BODY_IMAGE_PATH.test(src)) continue; // left out by the renderer, with a warning
    const real = await checkImageFile(src, check);
    if (!real) continue;
    const listed = entry.media.find((medium) => medium.type === 'image' && medium.file === src);
    images.set(src, listed?.type === 'image' ? { width: listed.width, height: listed.height } : real);
  }
  return images;
}

async function loadBody(dir: string, entry: StoryEntry, language: Language, check: MediaCheck): Promise<string | undefined> {
  const file = bodyFileName(entry.id, language);
  const result = await readBodyFile(dir, file);
  if (!result.ok) {
    // English is optional: the renderer falls back to the Danish body.
    if (!(language === 'en' && result.reason === 'missing')) check.findings.error(bodyFileProblem(file, entry.id, result));
    return undefined;
  }
  const images = await bodyImages(result.text, entry, { ...check, from: file, field: null });
  const rendered = renderStoryBody(result.text, images);
  const seen = new Set<string>();
  for (const note of rendered.notes) {
    const found = bodyNoteProblem(file, note);
    // One raw-HTML warning per file is enough to send staff to it.
    const key = note.kind === 'raw-html' ? note.kind : JSON.stringify(note);
    if (!found || seen.has(key)) continue;
    seen.add(key);
    if (found.severity === 'error') check.findings.error(found.problem);
    else check.findings.warning(found.problem);
  }
  return rendered.html;
}

/** Body files nobody uses are most often a typo in a file name or an id: worth a warning. */
async function checkOrphans(dir: string, entries: readonly StoryEntry[], findings: Findings): Promise<void> {
  let names: string[];
  try {
    names = await readdir(join(dir, 'stories'));
  } catch {
    return;
  }
  const ids = new Set(entries.map((entry) => entry.id));
  for (const name of names.sort()) {
    const match = BODY_FILE.exec(name);
    if (match && ids.has(match[1] as string)) continue;
    if (name.startsWith('.')) continue; // .DS_Store and friends
    const file = `stories/${name}`;
    findings.warning({
      file,
      field: WHOLE_FILE,
      messageDa: `Filen ${file} hører ikke til nogen historie i stories.json og bliver ikke vist. Navnet skal være <id>.da.md eller <id>.en.md.`,
      messageEn: `${file}: not used by any story in stories.json`,
    });
  }
}

/** Loads and checks every story of a content folder whose JSON files are already valid. */
export async function loadStories(dir: string, entries: readonly StoryEntry[], villageIds: ReadonlySet<number>): Promise<LoadedStories> {
  const findings = new Findings();
  checkIds(entries, villageIds, findings);
  const mediaFiles = await listMediaFiles(dir);
  const stories: Story[] = [];
  // One story at a time: a folder has tens of stories, and this keeps file handles and memory flat.
  for (const [index, entry] of entries.entries()) {
    const check: MediaCheck = { dir, mediaFiles, findings, storyId: entry.id, from: 'stories.json', field: null };
    for (const [position, medium] of entry.media.entries()) await checkMedium(medium, { ...check, field: `[${index}].media[${position}]` });
    const da = await loadBody(dir, entry, 'da', check);
    const en = await loadBody(dir, entry, 'en', check);
    stories.push({ ...entry, bodyHtml: { da: da ?? '', ...(en !== undefined ? { en } : {}) } });
  }
  await checkOrphans(dir, entries, findings);
  return { stories, findings };
}
