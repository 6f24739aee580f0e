import type { ContentProblem } from '../../../contract/api.js';
import { WHOLE_FILE } from '../validation-messages.js';
import { storyDa, storyEn } from './findings.js';
import type { BodyNote } from './story-body.js';
import type { BodyFileResult } from './story-files.js';

// Staff-facing messages about story body files (stories/<id>.<lang>.md), Danish for the screen and the
// bundle tool, English for the log. Each names the file.

type BodyFileFailure = Extract<BodyFileResult, { ok: false }>;

export function bodyFileProblem(file: string, storyId: string, failure: BodyFileFailure): ContentProblem {
  const base = { file, field: WHOLE_FILE };
  switch (failure.reason) {
    case 'missing':
      return {
        ...base,
        messageDa: `Filen ${file} mangler: ${storyDa(storyId)} i stories.json har ingen dansk tekst.`,
        messageEn: `${file}: missing (${storyEn(storyId)} in stories.json has no Danish body)`,
      };
    case 'unreadable':
      return { ...base, messageDa: `Filen ${file} kan ikke læses (${failure.detail ?? 'ukendt fejl'}).`, messageEn: `${file}: cannot be read (${failure.detail ?? 'unknown'})` };
    case 'too-large': {
      const kb = Math.ceil(Number(failure.detail) / 1024);
      return {
        ...base,
        messageDa: `Filen ${file} er for stor (${kb} kB). En historie må højst fylde 200 kB – er det den rigtige fil?`,
        messageEn: `${file}: too large (${kb} kB; at most 200 kB is allowed)`,
      };
    }
    case 'nul':
      return {
        ...base,
        messageDa: `Filen ${file} er ikke en tekstfil (den indeholder NUL-tegn). Gem historien som almindelig tekst i Markdown.`,
        messageEn: `${file}: not a text file (it contains NUL bytes)`,
      };
    case 'not-utf8':
      return {
        ...base,
        messageDa: `Filen ${file} er ikke gemt som UTF-8, så æ, ø og å ville blive vist forkert. Gem den igen med tegnsættet UTF-8.`,
        messageEn: `${file}: not valid UTF-8 (save it again as UTF-8)`,
      };
    case 'empty':
      return { ...base, messageDa: `Filen ${file} er tom: der står ingen tekst i den.`, messageEn: `${file}: empty, there is no text in it` };
    default: {
      const unknown: never = failure.reason;
      throw new Error(`unknown body file failure ${String(unknown)}`);
    }
  }
}

/** A note from rendering a body: null when it needs no message of its own (see load-stories). */
export function bodyNoteProblem(file: string, note: BodyNote): { severity: 'error' | 'warning'; problem: ContentProblem } | null {
  const base = { file, field: WHOLE_FILE };
  switch (note.kind) {
    case 'raw-html':
      return {
        severity: 'warning',
        problem: {
          ...base,
          messageDa: `Filen ${file}: HTML-koder vises ikke på kiosken og er sprunget over („${note.text}“). Skriv med Markdown i stedet.`,
          messageEn: `${file}: raw HTML is not shown on the kiosk and was left out ("${note.text}")`,
        },
      };
    case 'outside-image':
      return {
        severity: 'warning',
        problem: {
          ...base,
          messageDa: `Filen ${file}: billedet „${note.src}“ vises ikke. Kiosken viser kun billeder, der ligger i indholdets media-mappe, fx „media/havn.webp“.`,
          messageEn: `${file}: image "${note.src}" is not shown; only pictures in the content's media folder are`,
        },
      };
    case 'image-without-alt':
      return {
        severity: 'error',
        problem: {
          ...base,
          messageDa: `Filen ${file}: billedet ${note.src} mangler en beskrivelse (alt-tekst) til blinde og svagtseende. Skriv den i de firkantede parenteser: „![Havnen i Kyndeløse](${note.src})“.`,
          messageEn: `${file}: image ${note.src} is missing its alt text`,
        },
      };
    case 'missing-image':
      // Already reported as a missing media file before the body was rendered.
      return null;
    default: {
      const unknown: never = note;
      throw new Error(`unknown body note ${JSON.stringify(unknown)}`);
    }
  }
}
