import { Marked } from 'marked';
import sanitizeHtml from 'sanitize-html';

// What espeak-ng is given. It reads plain UTF-8 text well, but it says "#" as "nummer", reads "kl." as the
// letters K-L and runs a heading into the next paragraph without a pause. So: markup goes, every block
// ends in a full stop, and a few Danish abbreviations a kiosk really uses are written out.

export type SpeechLang = 'da' | 'en';
/** What the caller hands over: the text as a visitor sees it, content Markdown, or rendered HTML. */
export type SpeechTextFormat = 'plain' | 'markdown' | 'html';

/** About three minutes of speech: a whole story paragraph, never a whole book pasted by mistake. */
export const MAX_SPEECH_CHARS = 3000;

/** Stands for a block boundary while the markup is being removed; stripped from the input first. */
const BLOCK = '\uE000';
const BLOCK_END = /<\/(?:p|h[1-6]|li|dt|dd|blockquote|div|section|article|header|footer|figcaption|caption|tr|td|th|button|label|summary)\s*>|<br\s*\/?>/gi;
const IMG_ALT = /<img\b[^>]*?\balt\s*=\s*(?:"([^"]*)"|'([^']*)')[^>]*>/gi;
// Text inside these is code or markup, never something to read out.
const NON_TEXT_TAGS = ['script', 'style', 'noscript', 'template', 'iframe', 'object', 'embed', 'svg', 'math', 'title', 'textarea', 'select'];
const ESCAPED: Readonly<Record<string, string>> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Text for espeak-ng: markup removed, blocks ended with a full stop, Danish abbreviations written out, capped. */
export function prepareSpeechText(text: string, lang: SpeechLang, format: SpeechTextFormat = 'plain'): string {
  // NFC: a decomposed "å" (a + ring) from a Mac or a PDF must reach espeak-ng as the one letter it knows.
  // Markup may make a text longer than what is said, but never this much: a huge input is cut before parsing.
  const input = text.slice(0, MAX_SPEECH_CHARS * 4).normalize('NFC').replaceAll(BLOCK, ' ');
  const blocks = blocksOf(input, format)
    // Control and invisible format characters (soft hyphens, zero-width spaces from Word) say nothing.
    .map((block) => block.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/gu, ' ').replace(/\s+/g, ' ').trim())
    .filter((block) => /[\p{L}\p{N}]/u.test(block))
    .map((block) => (lang === 'da' ? danishForSpeech(block) : englishForSpeech(block)));
  return capped(blocks.map((block) => (/[.!?:;…]$/.test(block) ? block : `${block}.`)).join('\n'));
}

function blocksOf(input: string, format: SpeechTextFormat): string[] {
  switch (format) {
    case 'plain':
      // A blank line separates blocks as in Markdown; a single line break is only a wrapped line.
      return input.split(/\n\s*\n/);
    case 'markdown':
      return htmlBlocks(new Marked({ gfm: false, async: false }).parse(input, { async: false }));
    case 'html':
      return htmlBlocks(input);
  }
}

function htmlBlocks(html: string): string[] {
  const marked = html
    .replace(IMG_ALT, (_tag, double: string | undefined, single: string | undefined) => ` ${double ?? single ?? ''} `)
    .replace(BLOCK_END, (tag) => `${tag}${BLOCK}`);
  const text = sanitizeHtml(marked, { allowedTags: [], allowedAttributes: {}, nonTextTags: NON_TEXT_TAGS });
  return text.replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => ESCAPED[entity] ?? entity).split(BLOCK);
}

const TIME = String.raw`(?:[01]?\d|2[0-3])(?:[.:][0-5]\d)?`;
// "10-17", "10.00–17.30": a range of hours, not part of a date such as 2026-12-24 or a phone number.
const HOUR_RANGE = new RegExp(String.raw`(?<![\d.:-])(${TIME})\s*[-–]\s*(${TIME})(?![\d.:]*\d|-)`, 'g');
const CLOCK_TIME = new RegExp(String.raw`\bklokken (${TIME})(?![\d.:]*\d)`, 'g');

/** "10.30" and "10:30" are said "ti tredive" (espeak-ng would say "punktum"); ".00" is not said at all. */
function spokenTime(time: string): string {
  const [hour, minutes] = time.split(/[.:]/);
  return minutes === undefined || minutes === '00' ? `${hour}` : `${hour} ${minutes}`;
}

const DANISH_ABBREVIATIONS: ReadonlyArray<readonly [RegExp, string]> = [
  [/\bkl\.(?=\s*\d)/gi, 'klokken'],
  [/(?<=\d\s?)kr\.?(?!\p{L})/gu, 'kroner'],
  [/\bkr\.(?=\s*\d)/g, 'kroner'],
  [/\bnr\.(?=\s*\d)/gi, 'nummer'],
  [/\btlf\.(?=\s*[+\d])/gi, 'telefon'],
  [/\bca\.(?=\s)/gi, 'cirka'],
  [/\bosv\./gi, 'og så videre'],
  [/\bbl\.a\./gi, 'blandt andet'],
  [/\bm\.m\./gi, 'med mere'],
  [/\bevt\.(?=\s)/gi, 'eventuelt'],
  [/(?<=\d\s?)km(?!\p{L})/gu, 'kilometer'],
];

function danishForSpeech(text: string): string {
  let result = text;
  for (const [pattern, spoken] of DANISH_ABBREVIATIONS) result = result.replace(pattern, spoken);
  return result
    .replace(HOUR_RANGE, (_range, from: string, to: string) => `${spokenTime(from)} til ${spokenTime(to)}`)
    .replace(CLOCK_TIME, (_time, time: string) => `klokken ${spokenTime(time)}`);
}

function englishForSpeech(text: string): string {
  return text.replace(HOUR_RANGE, (_range, from: string, to: string) => `${from} to ${to}`);
}

/** Cut at the last sentence (or else word) end before the cap, so the speech never stops mid-word. */
function capped(text: string): string {
  if (text.length <= MAX_SPEECH_CHARS) return text;
  const head = text.slice(0, MAX_SPEECH_CHARS);
  const sentenceEnd = Math.max(head.lastIndexOf('. '), head.lastIndexOf('.\n'), head.lastIndexOf('! '), head.lastIndexOf('? '));
  if (sentenceEnd > MAX_SPEECH_CHARS / 2) return head.slice(0, sentenceEnd + 1);
  const wordEnd = head.lastIndexOf(' ');
  return wordEnd > 0 ? head.slice(0, wordEnd) : head;
}
