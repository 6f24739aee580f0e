import type { ContentProblem, ContentState } from '../../../contract/api.js';
import type { Story } from '../../../contract/content.js';
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
import { loadStories } from './load-stories.js';
import { ProblemError, readValid, type Hint } from './read-json.js';
import { storiesValidOn } from './validity.js';

const log = createLogger('content');

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

export interface LoadOptions {
  /** The host's clock, for the stories' validFrom/validTo; injected so tests can move it. */
  now?: Date;
}

/** Everything the checks of one folder found, for the host (all stories) and the bundle tools (all findings). */
export interface ContentReport {
  state: ContentState;
  /** Every story, also those not valid today, so the host can re-filter at midnight without re-reading. */
  allStories: Story[];
  /** All errors; state.problem is the first. Empty when state.ok. */
  errors: ContentProblem[];
  /** Things staff should fix that do not stop the content from being shown. */
  warnings: ContentProblem[];
}

function rejected(dir: string, errors: ContentProblem[], warnings: ContentProblem[]): ContentReport {
  const problem = errors[0] as ContentProblem;
  log.error({ dir, file: problem.file, field: problem.field, errors: errors.length }, `content rejected: ${problem.messageEn}`);
  return { state: { ok: false, problem }, allStories: [], errors, warnings };
}

/**
 * Reads and validates one content folder (the built-in content/ or an installed bundle version), with
 * every story body and media file. Never throws: a broken folder becomes ContentProblems that name the
 * file and field. The first in CONTENT_FILES order (then story order) is the one reported, so the
 * message is the same every time.
 */
export async function inspectContent(dir: string, options: LoadOptions = {}): Promise<ContentReport> {
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
    return rejected(dir, [error.problem], []);
  }
  // Every read has succeeded by now; this only collects the typed values.
  const [manifest, coreTasks, texts, villagesFile, municipality, parishes, water, context, storyEntries] = await Promise.all(reads);
  const villageIds = new Set(villagesFile.villages.map((village) => village.id));
  const { stories, findings } = await loadStories(dir, storyEntries, villageIds);
  for (const warning of findings.warnings) {
    log.warn({ dir, file: warning.file, field: warning.field }, `content warning: ${warning.messageEn}`);
  }
  if (findings.errors.length > 0) return rejected(dir, findings.errors, findings.warnings);
  const shown = storiesValidOn(stories, options.now ?? new Date());
  log.info({ dir, version: manifest.version, villages: villagesFile.villages.length, stories: stories.length, shown: shown.length }, 'content loaded');
  return {
    state: {
      ok: true,
      snapshot: { manifest, coreTasks, texts, stories: shown, villages: villagesFile.villages, geo: { municipality, parishes, water, context } },
    },
    allStories: stories,
    errors: [],
    warnings: findings.warnings,
  };
}

/** The content state of one folder: what the renderer gets. See inspectContent for the details. */
export async function loadContent(dir: string, options: LoadOptions = {}): Promise<ContentState> {
  return (await inspectContent(dir, options)).state;
}
