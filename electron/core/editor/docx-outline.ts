import type { Place } from './docx-notes.js';

// The shape of a converted Word document, read once from the DOM turndown builds from mammoth's HTML:
// its paragraphs in order (for saying where something is), which heading is the story's title, how far
// the other headings move down, and which paragraph makes a good summary.

/** The part of the DOM (domino, inside turndown) that we read. The host has no DOM typings of its own. */
export interface DomNode {
  readonly nodeType: number;
  readonly nodeName: string;
  readonly textContent: string | null;
  readonly parentNode: DomNode | null;
  readonly childNodes: ArrayLike<DomNode>;
  readonly ownerDocument: { getElementById(id: string): DomNode | null } | null;
  getAttribute?(name: string): string | null;
}

const ELEMENT = 1;
const TEXT = 3;
const DOCUMENT = 9;

/** The class our style map gives a paragraph in Word's "Title" style (see docx-import). */
export const TITLE_CLASS = 'docx-title';

/** The schema sets no limit; this is about three lines on a story card, a little over the longest built-in summary. */
export const SUMMARY_MAX_CHARS = 300;

export function attr(node: DomNode, name: string): string | null {
  return node.nodeType === ELEMENT && node.getAttribute ? node.getAttribute(name) : null;
}

export const tagOf = (node: DomNode): string => node.nodeName.toLowerCase();

const children = (node: DomNode): DomNode[] => Array.from(node.childNodes);

/** A reference to a foot- or endnote as mammoth writes it: <a href="#footnote-1">[1]</a>. */
export const NOTE_REFERENCE = /^#(footnote|endnote)-(\d+)$/;

/** mammoth's list of foot- and endnotes at the end of the document. */
export function isNoteList(node: DomNode): boolean {
  if (tagOf(node) !== 'ol') return false;
  const items = children(node).filter((child) => child.nodeType === ELEMENT);
  return items.length > 0 && items.every((item) => tagOf(item) === 'li' && /^(footnote|endnote)-\d+$/.test(attr(item, 'id') ?? ''));
}

export function isInsideNoteList(node: DomNode): boolean {
  for (let at = node.parentNode; at; at = at.parentNode) if (isNoteList(at)) return true;
  return false;
}

const RAISED: Record<string, Record<string, string>> = {
  sup: { 0: '⁰', 1: '¹', 2: '²', 3: '³', 4: '⁴', 5: '⁵', 6: '⁶', 7: '⁷', 8: '⁸', 9: '⁹', '+': '⁺', '-': '⁻' },
  sub: { 0: '₀', 1: '₁', 2: '₂', 3: '₃', 4: '₄', 5: '₅', 6: '₆', 7: '₇', 8: '₈', 9: '₉', '+': '₊', '-': '₋' },
};

/** "m2" with a raised 2 must read m², not m2: digits in <sup>/<sub> as Unicode; null for anything else. */
export function raisedText(text: string, tag: string): string | null {
  const map = RAISED[tag];
  if (!map || text === '' || ![...text].every((char) => char in map)) return null;
  return [...text].map((char) => map[char]).join('');
}

/** The text a reader sees, whitespace collapsed, without note markers ("[1]"); `skip` leaves out subtrees. */
export function plainText(node: DomNode, skip: (child: DomNode) => boolean = () => false): string {
  const parts: string[] = [];
  const walk = (at: DomNode): void => {
    if (at.nodeType === TEXT) parts.push(at.textContent ?? '');
    if (at.nodeType !== ELEMENT && at.nodeType !== DOCUMENT) return;
    if (at !== node && skip(at)) return;
    if (tagOf(at) === 'a' && NOTE_REFERENCE.test(attr(at, 'href') ?? '')) return;
    const raised = tagOf(at) in RAISED ? raisedText((at.textContent ?? '').trim(), tagOf(at)) : null;
    if (raised !== null) {
      parts.push(raised);
      return;
    }
    for (const child of children(at)) walk(child);
  };
  walk(node);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function contains(node: DomNode, wanted: (node: DomNode) => boolean): boolean {
  return wanted(node) || children(node).some((child) => contains(child, wanted));
}

const isImage = (node: DomNode): boolean => tagOf(node) === 'img';
/** A link a reader sees (not a bookmark, not a note marker). */
function isLink(node: DomNode): boolean {
  const href = tagOf(node) === 'a' ? attr(node, 'href') : null;
  return href !== null && !NOTE_REFERENCE.test(href);
}

/** The summary text: the whole paragraph if it fits, else cut at a sentence (or word) end. */
export function trimSummary(text: string, max = SUMMARY_MAX_CHARS): { text: string; whole: boolean } {
  if (text.length <= max) return { text, whole: true };
  const cut = text.slice(0, max);
  const sentenceEnd = Math.max(...['. ', '! ', '? '].map((end) => cut.lastIndexOf(end)));
  if (sentenceEnd >= max / 2) return { text: cut.slice(0, sentenceEnd + 1), whole: false };
  const space = cut.lastIndexOf(' ');
  return { text: `${(space > 0 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`, whole: false };
}

interface Block {
  node: DomNode;
  /** 1–6 for a heading, null for anything else. */
  level: number | null;
  text: string;
  hasImage: boolean;
}

const LIST = new Set(['ul', 'ol']);
const outlines = new WeakMap<DomNode, Outline>();

export class Outline {
  readonly #blocks: Block[] = [];
  readonly #index = new Map<DomNode, number>();
  /** For each block, the index of the nearest heading at or before it. */
  readonly #headingAt: Array<number | null> = [];
  readonly title: { node: DomNode; text: string } | null;
  readonly summary: { node: DomNode; text: string; leaveOutOfBody: boolean } | null;
  readonly #topLevel: number;

  private constructor(root: DomNode) {
    this.#collect(root);
    let heading: number | null = null;
    for (const [i, block] of this.#blocks.entries()) {
      if (block.level !== null) heading = i;
      this.#headingAt.push(heading);
    }
    this.title = this.#findTitle();
    const levels = this.#blocks.filter((b) => b.level !== null && b.node !== this.title?.node).map((b) => b.level ?? 1);
    this.#topLevel = levels.length > 0 ? Math.min(...levels) : 1;
    this.summary = this.#findSummary();
  }

  /** The outline of the document `node` belongs to, built on first use. */
  static of(node: DomNode): Outline {
    let root = node;
    while (root.parentNode) root = root.parentNode;
    let outline = outlines.get(root);
    if (!outline) {
      outline = new Outline(root);
      outlines.set(root, outline);
    }
    return outline;
  }

  #add(node: DomNode, level: number | null, text: string): void {
    const image = contains(node, isImage);
    if (text === '' && !image) return;
    this.#index.set(node, this.#blocks.length);
    this.#blocks.push({ node, level, text, hasImage: image });
  }

  /** Paragraphs as Word counts them: headings, paragraphs and list items each, a table as one. */
  #collect(node: DomNode): void {
    for (const child of children(node)) {
      if (child.nodeType !== ELEMENT || isNoteList(child)) continue;
      const tag = tagOf(child);
      const heading = /^h([1-6])$/.exec(tag);
      if (heading) this.#add(child, Number(heading[1]), plainText(child));
      else if (tag === 'p' || tag === 'table') this.#add(child, null, plainText(child));
      else if (tag === 'li') {
        this.#add(child, null, plainText(child, (inner) => LIST.has(tagOf(inner))));
        this.#collect(child);
      } else this.#collect(child);
    }
  }

  /** Word's Title paragraph, else the first heading if it is a Heading 1 (a later one starts a section). */
  #findTitle(): Outline['title'] {
    const styled = this.#blocks.find((b) => b.level === 1 && (attr(b.node, 'class') ?? '').split(' ').includes(TITLE_CLASS));
    const first = this.#blocks.find((b) => b.level !== null);
    const title = styled ?? (first?.level === 1 ? first : undefined);
    return title && title.text !== '' ? { node: title.node, text: title.text } : null;
  }

  /**
   * The first ordinary paragraph. It leaves the body (so the kiosk does not show it twice) only when it
   * is a lead: whole in the summary, before any section heading, with no picture or link (a summary is
   * plain text, they would be lost), and not all there is.
   */
  #findSummary(): Outline['summary'] {
    const index = this.#blocks.findIndex((b) => tagOf(b.node) === 'p' && b.text !== '' && tagOf(b.node.parentNode ?? b.node) !== 'blockquote');
    const block = this.#blocks[index];
    if (!block) return null;
    const { text, whole } = trimSummary(block.text);
    const heading = this.#headingAt[index];
    const beforeSections = heading === null || heading === undefined || this.#blocks[heading]?.node === this.title?.node;
    const rest = this.#blocks.filter((b) => b.node !== block.node && b.node !== this.title?.node);
    return { node: block.node, text, leaveOutOfBody: whole && beforeSections && !block.hasImage && !contains(block.node, isLink) && rest.length > 0 };
  }

  /** How many "#" a heading of this Word level gets: the document's top level becomes "##" (a section). */
  depthOf(level: number): number {
    return Math.min(4, 2 + Math.max(0, level - this.#topLevel));
  }

  placeOf(node: DomNode): Place {
    let at: DomNode | null = node;
    while (at && !this.#index.has(at)) at = at.parentNode;
    const index = at ? (this.#index.get(at) ?? 0) : 0;
    const block = this.#blocks[index];
    const headingIndex = this.#headingAt[index] ?? null;
    const heading = headingIndex === null ? null : (this.#blocks[headingIndex] ?? null);
    return {
      heading: heading?.text || null,
      inHeading: headingIndex === index,
      paragraph: index + 1,
      start: block?.text ?? '',
      previousStart: index > 0 ? (this.#blocks[index - 1]?.text ?? '') : null,
    };
  }
}
