import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import type { ContentProblem, ContentState } from '../../../contract/api.js';
import {
  CONTENT_FILES,
  CORE_TASK_IDS,
  ContentManifest,
  CoreTasksFile,
  FeatureCollection,
  KioskTexts,
  StoriesFile,
  VillagesFile,
} from '../../../contract/content.js';
import { createLogger } from '../logger.js';
import { WHOLE_FILE, describeIssueDa, issueItemLabel, issuePath } from '../validation-messages.js';

const log = createLogger('content');

class ProblemError extends Error {
  constructor(readonly problem: ContentProblem) {
    super(problem.messageEn);
  }
}

async function readJson(dir: string, file: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(join(dir, file), 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown';
    throw new ProblemError({
      file,
      field: WHOLE_FILE,
      messageDa: code === 'ENOENT' ? `Filen ${file} mangler i indholdet.` : `Filen ${file} kan ikke læses (${code}).`,
      messageEn: `${file}: cannot be read (${code})`,
    });
  }
  try {
    // Editors on Windows may save UTF-8 with a byte order mark, which JSON.parse refuses.
    return JSON.parse(text.replace(/^\uFEFF/, '')) as unknown;
  } catch (error) {
    throw new ProblemError({
      file,
      field: WHOLE_FILE,
      messageDa: `Filen ${file} er beskadiget: den er ikke gyldig JSON.`,
      messageEn: `${file}: not valid JSON (${(error as Error).message})`,
    });
  }
}

interface Hint {
  da: string;
  en: string;
}

/** Which core tasks are missing or listed twice, so staff know what to fix. */
function coreTasksHint(raw: unknown): Hint | null {
  if (!Array.isArray(raw)) return null;
  const ids = raw.map((task: unknown) => (typeof task === 'object' && task !== null ? (task as { id?: unknown }).id : undefined));
  const missing = CORE_TASK_IDS.filter((id) => !ids.includes(id));
  const twice = CORE_TASK_IDS.filter((id) => ids.indexOf(id) !== ids.lastIndexOf(id));
  const da: string[] = [];
  const en: string[] = [];
  if (missing.length > 0) {
    da.push(`Mangler: ${missing.map((id) => `„${id}“`).join(', ')}.`);
    en.push(`missing: ${missing.join(', ')}`);
  }
  if (twice.length > 0) {
    da.push(`Står der mere end én gang: ${twice.map((id) => `„${id}“`).join(', ')}.`);
    en.push(`listed more than once: ${twice.join(', ')}`);
  }
  return da.length > 0 ? { da: da.join(' '), en: en.join('; ') } : null;
}

async function readValid<S extends v.GenericSchema>(
  dir: string,
  file: string,
  schema: S,
  hint?: (raw: unknown) => Hint | null,
): Promise<v.InferOutput<S>> {
  const raw = await readJson(dir, file);
  const result = v.safeParse(schema, raw);
  if (result.success) return result.output;
  const issue = result.issues[0];
  const field = issuePath(issue);
  const label = issueItemLabel(issue);
  const where = field === WHOLE_FILE ? `Filen ${file}` : `Filen ${file}: feltet „${field}“${label ? ` (${label})` : ''}`;
  const extra = field === WHOLE_FILE && hint ? hint(raw) : null;
  throw new ProblemError({
    file,
    field,
    messageDa: `${where} ${describeIssueDa(issue)}.${extra ? ` ${extra.da}` : ''}`,
    messageEn: `${file}: ${field === WHOLE_FILE ? '' : `field "${field}"${label ? ` (${label})` : ''}: `}${issue.message}${extra ? ` (${extra.en})` : ''}`,
  });
}

/**
 * Reads and validates one content folder (the built-in content/ or an installed bundle version).
 * Never throws: a broken folder becomes a ContentProblem that names the file and field. When several
 * files are broken, the first in CONTENT_FILES order is reported, so the message is the same every time.
 */
export async function loadContent(dir: string): Promise<ContentState> {
  const reads = [
    readValid(dir, CONTENT_FILES.manifest, ContentManifest),
    readValid(dir, CONTENT_FILES.coreTasks, CoreTasksFile, coreTasksHint),
    readValid(dir, CONTENT_FILES.texts, KioskTexts),
    readValid(dir, CONTENT_FILES.villages, VillagesFile),
    readValid(dir, CONTENT_FILES.municipality, FeatureCollection),
    readValid(dir, CONTENT_FILES.parishes, FeatureCollection),
    readValid(dir, CONTENT_FILES.water, FeatureCollection),
    readValid(dir, CONTENT_FILES.context, FeatureCollection),
    readValid(dir, CONTENT_FILES.stories, StoriesFile),
  ] as const;
  for (const result of await Promise.allSettled(reads)) {
    if (result.status === 'fulfilled') continue;
    const error: unknown = result.reason;
    if (!(error instanceof ProblemError)) throw error;
    log.error({ dir, file: error.problem.file, field: error.problem.field }, `content rejected: ${error.problem.messageEn}`);
    return { ok: false, problem: error.problem };
  }
  // Every read has succeeded by now; this only collects the typed values.
  const [manifest, coreTasks, texts, villagesFile, municipality, parishes, water, context, storyEntries] = await Promise.all(reads);
  const stories = storyEntries.map((entry) => ({ ...entry, bodyHtml: { da: '' } }));
  log.info({ dir, version: manifest.version, villages: villagesFile.villages.length }, 'content loaded');
  return {
    ok: true,
    snapshot: { manifest, coreTasks, texts, stories, villages: villagesFile.villages, geo: { municipality, parishes, water, context } },
  };
}
