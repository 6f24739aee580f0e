import TurndownService from 'turndown';
import { storyIdFor } from './story-drafts.js';
import { IMAGE_SRC_PREFIX, type CollectedImage, type Picture } from './docx-images.js';
import {
  footnoteNote,
  generatedAltNote,
  imageProblemNote,
  imageWithoutAltNote,
  internalLinksNote,
  linkNote,
  localLinkNote,
  strikethroughNote,
  tableNote,
  type DocxImportNote,
  type Place,
} from './docx-notes.js';
import { attr, isInsideNoteList, isNoteList, NOTE_REFERENCE, Outline, plainText, raisedText, tagOf, type DomNode } from './docx-outline.js';

// mammoth's HTML → the Markdown a story body is written in, keeping only what the kiosk shows (see
// content/story-body.ts): headings, paragraphs, lists, bold, italic, quotes and pictures from media/.
// Everything else keeps its text where it can and leaves a note saying what changed and where.

/** A picture taken from the document, ready to become a file in the bundle's media/ folder. */
export interface DocxImage {
  /** Lower-case ASCII, safe in media/ (e.g. "sommerfest-i-osted-1.png"); the body refers to media/<fileName>. */
  fileName: string;
  bytes: Buffer;
  contentType: string;
  width: number;
  height: number;
  /** The description Word keeps for the picture, or null when it has none (or only its file name). */
  altText: string | null;
}

export interface MarkdownResult {
  markdown: string;
  title: string | null;
  summary: string | null;
  images: DocxImage[];
  notes: DocxImportNote[];
}

/** Links a visitor could still type or scan: shown as text. Anything else keeps only its label. */
const SHOWN_LINK = /^(https?:|mailto:|tel:)/i;
// Row and cell separators while a table is rebuilt as a list; XML 1.0 text cannot contain them.
const CELL = '\u0001';
const ROW = '\u0002';
/** mammoth writes <s>; <del> and <strike> mean the same to a reader. */
const STRUCK = new Set(['s', 'del', 'strike']);

const oneLine = (markdown: string): string => markdown.replace(/\s*\n+\s*/g, ' ').trim();

/** One conversion: the notes, names and counts it builds up while turndown walks the document. */
class Conversion {
  readonly #notes: DocxImportNote[] = [];
  /** The pictures the body uses, by content hash. */
  readonly #images = new Map<string, DocxImage>();
  #outline: Outline | null = null;
  #internalLinks = 0;
  readonly #linksNoted = new Set<string>();
  #struck: { place: Place; example: string; count: number } | null = null;

  readonly #turndown = service(this);

  constructor(
    readonly collected: readonly CollectedImage[],
    readonly fileNamePrefix: string | undefined,
  ) {}

  run(html: string): MarkdownResult {
    const markdown = this.#turndown.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
    this.#finish();
    return {
      markdown,
      title: this.#outline?.title?.text ?? null,
      summary: this.#outline?.summary?.text ?? null,
      images: [...this.#images.values()],
      notes: this.#notes,
    };
  }

  #outlineOf(node: DomNode): Outline {
    this.#outline ??= Outline.of(node);
    return this.#outline;
  }

  #place(node: DomNode): Place {
    return this.#outlineOf(node).placeOf(node);
  }

  heading(content: string, node: DomNode): string {
    const outline = this.#outlineOf(node);
    const text = oneLine(content);
    if (node === outline.title?.node || text === '') return '';
    return `\n\n${'#'.repeat(outline.depthOf(Number(tagOf(node).slice(1))))} ${text}\n\n`;
  }

  paragraph(content: string, node: DomNode): string {
    const summary = this.#outlineOf(node).summary;
    return summary?.leaveOutOfBody && summary.node === node ? '' : `\n\n${content}\n\n`;
  }

  listItem(content: string, node: DomNode): string {
    const parent = node.parentNode;
    let marker = '- ';
    if (parent && tagOf(parent) === 'ol') {
      const items = Array.from(parent.childNodes).filter((child) => tagOf(child) === 'li');
      marker = `${(Number(attr(parent, 'start')) || 1) + items.indexOf(node)}. `;
    }
    // Continuation lines (a nested list) are indented to the item's text, as CommonMark expects.
    const body = content.replace(/^\n+/, '').replace(/\n+$/, '\n').replace(/\n/g, `\n${' '.repeat(marker.length)}`);
    const last = Array.from(parent?.childNodes ?? []).filter((child) => tagOf(child) === 'li').at(-1) === node;
    return `${marker}${body.trimEnd()}${last ? '' : '\n'}`;
  }

  link(content: string, node: DomNode): string {
    const href = attr(node, 'href') ?? '';
    const reference = NOTE_REFERENCE.exec(href);
    if (reference) return this.#noteReference(node, href, reference[1] === 'endnote' ? 'endnote' : 'footnote', reference[2] ?? '');
    if (isInsideNoteList(node)) return content;
    if (href.startsWith('#')) {
      this.#internalLinks += 1;
      return content;
    }
    const label = plainText(node);
    if (!SHOWN_LINK.test(href)) {
      if (label !== '' && !this.#linksNoted.has(href)) {
        this.#linksNoted.add(href);
        this.#notes.push(localLinkNote(this.#place(node), label, readable(href)));
      }
      return content;
    }
    const shown = href.replace(/^(mailto|tel):/i, '');
    if (!this.#linksNoted.has(href)) {
      this.#linksNoted.add(href);
      this.#notes.push(linkNote(this.#place(node), label, shown));
    }
    const bare = (url: string): string => url.replace(/^https?:\/\//i, '').replace(/\/$/, '').toLowerCase();
    if (label === '' || bare(label) === bare(shown)) return this.#turndown.escape(shown);
    return `${content} (${this.#turndown.escape(shown)})`;
  }

  #noteReference(node: DomNode, href: string, kind: 'footnote' | 'endnote', number: string): string {
    const target = node.ownerDocument?.getElementById(href.slice(1));
    // The note's own text ends with mammoth's back-link "↑".
    const text = target ? plainText(target).replace(/\s*↑$/, '') : '';
    if (text !== '') this.#notes.push(footnoteNote(this.#place(node), kind, number, text));
    return '';
  }

  image(node: DomNode): string {
    const src = attr(node, 'src') ?? '';
    const index = Number(src.slice(IMAGE_SRC_PREFIX.length));
    const image = src.startsWith(IMAGE_SRC_PREFIX) ? this.collected[index] : undefined;
    if (!image || isInsideNoteList(node)) return '';
    const place = this.#place(node);
    if (!image.ok) {
      this.#notes.push(imageProblemNote(place, index + 1, image.problem));
      return '';
    }
    if (image.alt === null) this.#notes.push(imageWithoutAltNote(place, index + 1));
    else if (image.generatedAlt) this.#notes.push(generatedAltNote(place, index + 1, image.alt));
    const file = this.#fileFor(node, image.picture, image.alt);
    // marked unescapes only brackets in an image's text, so only they are escaped.
    const alt = (image.alt ?? '').replace(/\\+$/, '').replace(/[[\]]/g, '\\$&');
    return `![${alt}](media/${file})`;
  }

  /** "<story>-<n>.<ext>", numbered in reading order; the same picture twice is one file. */
  #fileFor(node: DomNode, picture: Picture, altText: string | null): string {
    const known = this.#images.get(picture.sha256);
    if (known) return known.fileName;
    const title = this.fileNamePrefix ?? this.#outlineOf(node).title?.text;
    const stem = title ? storyIdFor(title, new Set()).slice(0, 48).replace(/-+$/, '') : 'billede';
    const fileName = `${stem}-${this.#images.size + 1}.${picture.extension}`;
    const { bytes, contentType, width, height } = picture;
    this.#images.set(picture.sha256, { fileName, bytes, contentType, width, height, altText });
    return fileName;
  }

  table(content: string, node: DomNode): string {
    const rows = content
      .split(ROW)
      .map((row) => row.trim())
      .filter((row) => row !== '');
    if (rows.length === 0) return '';
    this.#notes.push(tableNote(this.#place(node)));
    return `\n\n${rows.map((row) => `- ${row}`).join('\n')}\n\n`;
  }

  tableRow(content: string): string {
    const cells = content
      .split(CELL)
      // A list inside a cell becomes part of the row's one line.
      .map((cell) => oneLine(cell.replace(/^\s*(?:[-*+]|\d+\.)\s+/gm, '')))
      .filter((cell) => cell !== '');
    if (cells.length === 0) return '';
    // "Mandag: 10–17" reads like the key/value table it came from; a dash would clash with "10–17".
    const [first = '', ...rest] = cells;
    return rest.length === 0 ? `${ROW}${first}` : `${ROW}${first.replace(/:$/, '')}: ${rest.join(' · ')}`;
  }

  struck(content: string, node: DomNode): string {
    const text = plainText(node);
    if (text !== '') {
      if (this.#struck) this.#struck.count += 1;
      else this.#struck = { place: this.#place(node), example: text, count: 1 };
    }
    return content;
  }

  /** Summary notes that need the whole document first. */
  #finish(): void {
    if (this.#struck) this.#notes.push(strikethroughNote(this.#struck.place, this.#struck.example, this.#struck.count));
    if (this.#internalLinks > 0) this.#notes.push(internalLinksNote(this.#internalLinks));
  }
}

function readable(href: string): string {
  try {
    return decodeURI(href);
  } catch {
    return href; // a malformed %-escape: show it as it is
  }
}

function raised(content: string, node: DomNode): string {
  return raisedText(content.trim(), tagOf(node)) ?? content;
}

function service(conversion: Conversion): TurndownService {
  const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**' });
  // Markdown would read "<" as the start of HTML and "&amp;" as an entity; in Word they are just text.
  const escapeMarkdown = turndown.escape.bind(turndown);
  turndown.escape = (text: string): string => escapeMarkdown(text).replace(/</g, '\\<').replace(/&(?=#?[a-z0-9]+;)/gi, '\\&');
  const rules: Record<string, TurndownService.Rule> = {
    docxHeading: { filter: ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'], replacement: (content, node: DomNode) => conversion.heading(content, node) },
    docxParagraph: { filter: 'p', replacement: (content, node: DomNode) => conversion.paragraph(content, node) },
    docxListItem: { filter: 'li', replacement: (content, node: DomNode) => conversion.listItem(content, node) },
    docxLink: { filter: (node: DomNode) => tagOf(node) === 'a' && attr(node, 'href') !== null, replacement: (content, node: DomNode) => conversion.link(content, node) },
    docxImage: { filter: 'img', replacement: (_content, node: DomNode) => conversion.image(node) },
    docxNotes: { filter: (node: DomNode) => isNoteList(node), replacement: () => '' },
    docxTable: { filter: 'table', replacement: (content, node: DomNode) => conversion.table(content, node) },
    docxTableRow: { filter: 'tr', replacement: (content) => conversion.tableRow(content) },
    docxTableCell: { filter: ['td', 'th'], replacement: (content) => `${CELL}${content}` },
    docxStruck: { filter: (node: DomNode) => STRUCK.has(tagOf(node)), replacement: (content, node: DomNode) => conversion.struck(content, node) },
    docxRaised: { filter: ['sup', 'sub'], replacement: (content, node: DomNode) => raised(content, node) },
  };
  for (const [name, rule] of Object.entries(rules)) turndown.addRule(name, rule);
  return turndown;
}

/** Converts mammoth's HTML; `collected` are the pictures its image converter saw, by index. */
export function htmlToMarkdown(html: string, collected: readonly CollectedImage[], fileNamePrefix?: string): MarkdownResult {
  return new Conversion(collected, fileNamePrefix).run(html);
}
