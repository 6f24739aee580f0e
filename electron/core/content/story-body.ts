import { Marked, type Token, type Tokens } from 'marked';
import sanitizeHtml from 'sanitize-html';

// A story body is Markdown written by staff and shown on a public kiosk. Two layers keep it harmless:
// our own Markdown renderer never emits raw HTML, links or outside images, and sanitize-html then
// re-parses the result against a small allowlist, so a mistake in either layer alone cannot let script,
// a frame, a form or an outside address through.

/** A picture in the content folder's media/ that a body may show, with its size when known. */
export interface BodyImage {
  width?: number;
  height?: number;
}

/** Something in a body that was left out; the loader decides whether it is an error or a warning. */
export type BodyNote =
  | { kind: 'raw-html'; text: string }
  | { kind: 'outside-image'; src: string }
  | { kind: 'missing-image'; src: string }
  | { kind: 'image-without-alt'; src: string };

export interface RenderedBody {
  html: string;
  notes: BodyNote[];
}

/** The only image addresses a body may use: a file directly in the bundle's media/ folder. */
export const BODY_IMAGE_PATH = /^media\/[a-z0-9][a-z0-9._-]*\.(webp|jpg|jpeg|png|avif)$/;
/** What an image address becomes once rendered: served by the kiosk from the current content's media/. */
const SERVED_IMAGE_SRC = /^\/media\/[a-z0-9][a-z0-9._-]*\.(webp|jpg|jpeg|png|avif)$/;
/** Link targets worth showing as text: a visitor can type or scan them later. Anything else shows only its text. */
const SHOWN_PROTOCOLS = new Set(['http:', 'https:', 'mailto:', 'tel:']);

const ALLOWED_TAGS = ['h2', 'h3', 'h4', 'p', 'ul', 'ol', 'li', 'em', 'strong', 'blockquote', 'br', 'img', 'span'];

const SANITIZE_OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: ALLOWED_TAGS,
  allowedAttributes: { img: ['src', 'alt', 'width', 'height'], span: ['class'], ol: ['start'] },
  allowedClasses: { span: ['link', 'url'] },
  // No scheme at all: the only URL that may survive is the relative /media/… of a bundle image.
  allowedSchemes: [],
  allowedSchemesByTag: {},
  allowProtocolRelative: false,
  disallowedTagsMode: 'discard',
  // Tags whose text must go too, not just the tag: their content is code or markup, never prose.
  nonTextTags: ['script', 'style', 'textarea', 'option', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'xmp', 'noembed', 'noframes'],
  exclusiveFilter: (frame) => {
    if (frame.tag === 'img') return !SERVED_IMAGE_SRC.test(frame.attribs['src'] ?? '') || (frame.attribs['alt'] ?? '').trim() === '';
    // A paragraph left empty by dropped raw HTML would only add a gap.
    return frame.tag === 'p' && frame.text.trim() === '' && frame.mediaChildren.length === 0;
  },
  parser: { lowerCaseTags: true, lowerCaseAttributeNames: true },
};

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Every image address in a body, in order, so the loader can check the files before rendering. */
export function bodyImageSources(markdown: string): string[] {
  const marked = new Marked({ gfm: false });
  const sources: string[] = [];
  marked.walkTokens(marked.lexer(markdown), (token: Token) => {
    if (token.type === 'image') sources.push((token as Tokens.Image).href);
  });
  return sources;
}

function shownUrl(href: string): string | null {
  try {
    return SHOWN_PROTOCOLS.has(new URL(href).protocol) ? href : null;
  } catch {
    return null; // relative or malformed: nothing a visitor could use
  }
}

/**
 * Markdown → sanitised HTML for the renderer. `images` lists the media/ files the content folder really
 * has (key "media/<file>"); an image is shown only if it is one of them and has alt text.
 */
export function renderStoryBody(markdown: string, images: ReadonlyMap<string, BodyImage>): RenderedBody {
  const notes: BodyNote[] = [];
  // GFM off: bare addresses stay plain text (which is what a kiosk should show) and there are no tables,
  // strike-through or task lists to support.
  const marked = new Marked({
    gfm: false,
    async: false,
    renderer: {
      html(token) {
        // A line break is the one tag staff reach for out of habit; everything else is dropped.
        if (/^<br\s*\/?>$/i.test(token.text.trim())) return '<br>';
        notes.push({ kind: 'raw-html', text: token.text.trim().slice(0, 80) });
        return '';
      },
      heading({ tokens, depth }) {
        // The page title is the story's h1; the body's own levels start below it.
        const level = Math.min(depth + 1, 4);
        return `<h${level}>${this.parser.parseInline(tokens)}</h${level}>\n`;
      },
      link({ href, tokens, text }) {
        const label = this.parser.parseInline(tokens);
        const url = shownUrl(href);
        if (url === null) return label;
        const bare = url.replace(/^(mailto|tel):/i, '');
        if (text.trim() === '' || text.trim() === url || text.trim() === bare) {
          return `<span class="link"><span class="url">${escapeHtml(bare)}</span></span>`;
        }
        return `<span class="link">${label} <span class="url">(${escapeHtml(url)})</span></span>`;
      },
      image({ href, text }) {
        if (!BODY_IMAGE_PATH.test(href)) {
          notes.push({ kind: 'outside-image', src: href.slice(0, 200) });
          return '';
        }
        const image = images.get(href);
        if (!image) {
          notes.push({ kind: 'missing-image', src: href });
          return '';
        }
        if (text.trim() === '') {
          notes.push({ kind: 'image-without-alt', src: href });
          return '';
        }
        const size = image.width && image.height ? ` width="${image.width}" height="${image.height}"` : '';
        return `<img src="/${href}" alt="${escapeHtml(text.trim())}"${size}>`;
      },
      // Code, rules and strike-through are not part of a story: keep their text, drop the markup.
      code({ text }) {
        return `<p>${escapeHtml(text)}</p>\n`;
      },
      codespan({ text }) {
        return escapeHtml(text);
      },
      hr() {
        return '';
      },
      checkbox() {
        return '';
      },
    },
  });
  const html = marked.parse(markdown, { async: false });
  return { html: sanitizeHtml(html, SANITIZE_OPTIONS).trim(), notes };
}
