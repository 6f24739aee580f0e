import type { Language } from '../../../contract/content';
import type { ExploreTarget } from './state/read-aloud.svelte';

// What a finger touched in read-aloud mode, and what to say about it: a control's accessible name (as a
// screen reader would say it: aria-label, else its text without what is hidden from assistive technology),
// or a text block's text. The DOM half of explore by touch; the decisions are ReadAloud's.

const CONTROL = 'button, a[href], [role="button"], [role="link"], [role="tab"], [role="switch"], summary, input, select, textarea';
const TEXT_BLOCK = 'p, h1, h2, h3, h4, h5, h6, li, blockquote, figcaption, dt, dd, caption, td, th, [role="alert"], [role="status"], [role="img"], [aria-label]';
/**
 * Never explored: the map takes its own gestures (a tapped village opens its card, which is then said),
 * and the staff screen is for staff, whose PIN must never be said aloud.
 */
const NOT_EXPLORED = '[data-map-surface], [data-staff-screen]';
/** Never read out: hidden from assistive technology, or not text at all. */
const SILENT_TAGS = new Set(['SCRIPT', 'STYLE', 'TEMPLATE', 'NOSCRIPT', 'svg', 'SVG', 'CANVAS', 'VIDEO', 'AUDIO']);

/** The key of the target is the element itself (it carries the focus ring). */
export function exploreTarget(start: EventTarget | null, fallbackLang: Language): ExploreTarget | null {
  if (!(start instanceof Element) || start.closest(NOT_EXPLORED)) return null;
  const control = start.closest(CONTROL);
  const element = control ?? start.closest(TEXT_BLOCK);
  if (!element) return null;
  const text = control ? accessibleName(control) : spokenText(element);
  return { key: element, text, lang: languageOf(element, fallbackLang), activatable: control !== null };
}

/** aria-label, then aria-labelledby, then the element's own text. */
export function accessibleName(element: Element): string {
  const label = element.getAttribute('aria-label')?.trim();
  if (label) return label;
  const ids = element.getAttribute('aria-labelledby')?.split(/\s+/).filter(Boolean) ?? [];
  const labelled = ids.map((id) => element.ownerDocument.getElementById(id)).filter((found) => found !== null);
  if (labelled.length > 0) return tidy(labelled.map(textOf).join(' '));
  return tidy(textOf(element));
}

/** A text block says its text; a region named by aria-label says its name. */
function spokenText(element: Element): string {
  const text = tidy(textOf(element));
  return text === '' ? (element.getAttribute('aria-label')?.trim() ?? '') : text;
}

function textOf(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (!(node instanceof Element) || SILENT_TAGS.has(node.tagName) || node.getAttribute('aria-hidden') === 'true' || node.hasAttribute('hidden')) return '';
  if (node instanceof HTMLImageElement) return node.alt;
  // Spaces between the parts: a card's title and summary are separate spans, not one word.
  return [...node.childNodes].map(textOf).join(' ');
}

function tidy(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/\s+([.,:;!?)])/g, '$1')
    .trim();
}

/** The language the text is in (the nearest lang attribute), so the right voice reads it. */
function languageOf(element: Element, fallback: Language): Language {
  const lang = element.closest('[lang]')?.getAttribute('lang');
  if (!lang) return fallback;
  return lang.toLowerCase().startsWith('en') ? 'en' : 'da';
}
