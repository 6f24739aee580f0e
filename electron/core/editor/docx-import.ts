import mammoth from 'mammoth';
import { renderStoryBody, type BodyImage } from '../content/story-body.js';
import { MAX_BODY_BYTES } from '../content/story-files.js';
import { createLogger } from '../logger.js';
import { DocxImportError } from './docx-errors.js';
import { ImageCollector } from './docx-images.js';
import { htmlToMarkdown, type DocxImage } from './docx-markdown.js';
import { emptyDocumentNote, featureNotes, tooLongNote, unreadablePartNote, type DocxImportNote } from './docx-notes.js';
import { TITLE_CLASS } from './docx-outline.js';
import { DOCX_LIMITS, inspectDocx, type DocxLimits } from './docx-package.js';

// "Importér et Word-dokument": a .docx becomes a story draft (title, summary, Markdown body, pictures)
// plus a plain-Danish list of everything that could not come along as it was. Pure Node: the editor
// host calls it with the uploaded bytes and decides where the draft and the pictures go.

export { DocxImportError } from './docx-errors.js';
export type { DocxFailure, DocxFailureCode } from './docx-errors.js';
export type { DocxImage } from './docx-markdown.js';
export type { DocxImportNote, DocxNoteKind } from './docx-notes.js';
export { SUMMARY_MAX_CHARS } from './docx-outline.js';
export { DOCX_LIMITS, type DocxLimits } from './docx-package.js';

const log = createLogger('docx-import');

export interface DocxImportOptions {
  /** Start of the pictures' file names (e.g. the story id); by default the document's title. */
  fileNamePrefix?: string;
  /** Tighter (or, for IT, looser) size limits than DOCX_LIMITS. */
  limits?: Partial<DocxLimits>;
}

export interface DocxImportResult {
  /** The first paragraph in Word's Title style, else a leading Heading 1; null if there is none. */
  title: string | null;
  /** The first ordinary paragraph, cut to SUMMARY_MAX_CHARS; null if there is none. */
  summary: string | null;
  /** The story body in the Markdown the kiosk shows; pictures as ![alt](media/<fileName>). */
  bodyMarkdown: string;
  /** The body as the kiosk renders it (pictures under /media/), proof that it shows as intended. */
  bodyHtml: string;
  images: DocxImage[];
  /** One per thing not carried over as it was, in Danish for staff and English for the log. */
  notes: DocxImportNote[];
}

// Word's own style names are English in every language version ("Title", "Quote"); the style ids are
// translated ("Titel", "Citat"), so names come first and ids are a fallback for files from other tools.
const STYLE_MAP = [
  `p[style-name='Title'] => h1.${TITLE_CLASS}:fresh`,
  `p.Title => h1.${TITLE_CLASS}:fresh`,
  `p.Titel => h1.${TITLE_CLASS}:fresh`,
  "p[style-name='Subtitle'] => p:fresh",
  "p[style-name='Quote'] => blockquote > p:fresh",
  "p[style-name='Intense Quote'] => blockquote > p:fresh",
  "p[style-name='Quotations'] => blockquote > p:fresh",
  'p.Quote => blockquote > p:fresh',
  'p.Citat => blockquote > p:fresh',
];

/** mammoth warnings that say nothing a staff member could act on: the text is there, only styled plainly. */
const QUIET_MESSAGES = [
  /^Unrecognised (paragraph|run|table) style/,
  /style with ID .* was referenced but not defined/,
  /^Image of type .* is unlikely to display/, // our own image note says it better
  /^Unsupported break type/,
  /^An unrecognised element was ignored: (m:oMath|m:oMathPara|w:bookmarkEnd|w:proofErr)$/,
];

function messageNotes(messages: ReadonlyArray<{ type: string; message: string }>): DocxImportNote[] {
  const seen = new Set<string>();
  const notes: DocxImportNote[] = [];
  for (const { type, message } of messages) {
    if (QUIET_MESSAGES.some((quiet) => quiet.test(message))) {
      log.debug({ type, message }, 'mammoth message');
      continue;
    }
    if (seen.has(message)) continue;
    seen.add(message);
    log.warn({ type, message }, 'part of a Word document was not converted');
    notes.push(unreadablePartNote(message));
  }
  return notes;
}

async function convert(bytes: Buffer, collector: ImageCollector): Promise<{ value: string; messages: Array<{ type: string; message: string }> }> {
  try {
    return await mammoth.convertToHtml(
      { buffer: bytes },
      // No style map from inside the document: an uploaded file must not decide how it is read.
      { styleMap: STYLE_MAP, includeEmbeddedStyleMap: false, externalFileAccess: false, convertImage: collector.converter },
    );
  } catch (error) {
    throw new DocxImportError({ code: 'corrupt', detail: error instanceof Error ? error.message : String(error) });
  }
}

/** What the kiosk would show for the body, and a warning in the log if our Markdown ever asks for more. */
function renderCheck(markdown: string, images: readonly DocxImage[]): string {
  const known = new Map<string, BodyImage>(images.map((image) => [`media/${image.fileName}`, { width: image.width, height: image.height }]));
  const rendered = renderStoryBody(markdown, known);
  const unexpected = rendered.notes.filter((note) => note.kind !== 'image-without-alt');
  if (unexpected.length > 0) log.warn({ notes: unexpected }, 'converted Word body contains something the kiosk drops');
  return rendered.html;
}

/**
 * Converts a Word document into a story draft. Throws DocxImportError (with a Danish message) when the
 * bytes are not a readable .docx within the limits; everything else becomes a note in the result.
 */
export async function importDocx(bytes: Buffer, options: DocxImportOptions = {}): Promise<DocxImportResult> {
  const started = performance.now();
  const limits: DocxLimits = { ...DOCX_LIMITS, ...options.limits };
  try {
    const features = await inspectDocx(bytes, limits);
    const collector = new ImageCollector();
    const html = await convert(bytes, collector);
    const converted = htmlToMarkdown(html.value, await collector.all(), options.fileNamePrefix);
    const notes = [...featureNotes(features), ...converted.notes, ...messageNotes(html.messages)];
    const bodyBytes = Buffer.byteLength(converted.markdown, 'utf8');
    if (bodyBytes > MAX_BODY_BYTES) notes.unshift(tooLongNote(bodyBytes, MAX_BODY_BYTES));
    // Nothing came over and nothing was left out: the document really is empty (else the notes say why).
    const nothing = converted.title === null && converted.markdown === '' && converted.summary === null && converted.notes.length === 0;
    if (nothing) notes.unshift(emptyDocumentNote());
    const result: DocxImportResult = {
      title: converted.title,
      summary: converted.summary,
      bodyMarkdown: converted.markdown,
      bodyHtml: renderCheck(converted.markdown, converted.images),
      images: converted.images,
      notes,
    };
    log.info(
      { bytes: bytes.length, bodyBytes, images: result.images.length, notes: notes.map((n) => n.kind), ms: Math.round(performance.now() - started) },
      'Word document converted',
    );
    return result;
  } catch (error) {
    const failure = error instanceof DocxImportError ? error : new DocxImportError({ code: 'failed', detail: error instanceof Error ? error.message : String(error) });
    if (failure.code === 'failed') log.error({ err: error }, failure.messageEn);
    else log.warn({ code: failure.code, bytes: bytes.length }, `Word document refused: ${failure.messageEn}`);
    throw failure;
  }
}

/** importDocx for callers that want an outcome instead of an exception (the editor's upload route). */
export async function tryImportDocx(
  bytes: Buffer,
  options?: DocxImportOptions,
): Promise<{ ok: true; document: DocxImportResult } | { ok: false; messageDa: string; messageEn: string }> {
  try {
    return { ok: true, document: await importDocx(bytes, options) };
  } catch (error) {
    if (!(error instanceof DocxImportError)) throw error; // importDocx throws nothing else
    return { ok: false, messageDa: error.messageDa, messageEn: error.messageEn };
  }
}
