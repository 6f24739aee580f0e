import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import type { ContentProblem } from '../../../contract/api.js';
import { WHOLE_FILE, describeIssueDa, issueItemLabel, issuePath } from '../validation-messages.js';

// Reading the JSON files of a content folder, shared by the loader and the bundle build's image step.

/** A hint added to a whole-file problem, e.g. which core tasks are missing. */
export interface Hint {
  da: string;
  en: string;
}

/** A problem that stops a file from being used, thrown so the caller can stop at the first one. */
export class ProblemError extends Error {
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

/** Reads one JSON file and validates it; a ProblemError names the file and the first offending field. */
export async function readValid<S extends v.GenericSchema>(
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
