import { marked } from 'marked';
import TurndownService from 'turndown';

// The story body is Markdown on disk (what the kiosk renders); staff edit it as formatted text. These two
// conversions are the whole bridge, limited to what the kiosk shows: headings, paragraphs, bold, italic,
// lists and quotes. Anything else pasted in (tables, colours, fonts) is reduced to its text.

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', emDelimiter: '*', strongDelimiter: '**', codeBlockStyle: 'indented' });
// What reaches turndown is already reduced to the kiosk's formats (see editable-html.ts).
turndown.remove(['script', 'style', 'iframe', 'object', 'embed']);

export function markdownToHtml(markdown: string): string {
  return marked.parse(markdown, { async: false, gfm: true, breaks: false });
}

export function htmlToMarkdown(html: string): string {
  return turndown.turndown(html).replace(/\n{3,}/g, '\n\n').trim();
}
