import { megapixels } from '../content/picture-header.js';
import type { DocxFeatures } from './docx-features.js';

// Everything a Word import could not carry over as it was, said the way a Word user thinks about their
// document. A .docx has no pages (Word lays them out on screen), so a note points at the nearest heading,
// or at the paragraph's number and first words when no heading comes before it.

export type DocxNoteKind =
  | 'empty-document'
  | 'too-long'
  | 'tracked-changes'
  | 'comments'
  | 'text-box'
  | 'chart'
  | 'smart-art'
  | 'equation'
  | 'table'
  | 'link'
  | 'internal-links'
  | 'footnote'
  | 'strikethrough'
  | 'image-format'
  | 'image-too-large'
  | 'image-unreadable'
  | 'image-not-embedded'
  | 'image-without-alt'
  | 'image-generated-alt'
  | 'unreadable-part';

export interface DocxImportNote {
  kind: DocxNoteKind;
  messageDa: string;
  messageEn: string;
}

/** Where in the document something is, in terms its author recognises. */
export interface Place {
  /** The nearest heading at or before it, or null when none comes before it. */
  heading: string | null;
  /** True when the thing is inside that heading itself. */
  inHeading: boolean;
  /** The 1-based number of its paragraph among the document's paragraphs (list items and tables count as one each). */
  paragraph: number;
  /** The first words of its paragraph, and of the paragraph before it (null at the start). */
  start: string;
  previousStart: string | null;
}

const note = (kind: DocxNoteKind, messageDa: string, messageEn: string): DocxImportNote => ({ kind, messageDa, messageEn });

/** A quotation from the document, short enough for one line of a note. */
export function excerpt(text: string, max = 60): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,.;:–-]+$/, '')}…`;
}

/** "under overskriften »Program«", or "i afsnit 3 (»Vi ses …«)" before the first heading. */
function inDa(place: Place): string {
  if (place.heading !== null) return `${place.inHeading ? 'i' : 'under'} overskriften »${excerpt(place.heading)}«`;
  return `i afsnit ${place.paragraph}${place.start === '' ? '' : ` (»${excerpt(place.start, 40)}«)`}`;
}

function inEn(place: Place): string {
  if (place.heading !== null) return `${place.inHeading ? 'in' : 'under'} the heading "${excerpt(place.heading)}"`;
  return `in paragraph ${place.paragraph}${place.start === '' ? '' : ` ("${excerpt(place.start, 40)}")`}`;
}

/** For something that is a paragraph of its own (a table): what comes just before it. */
function afterDa(place: Place): string {
  if (place.heading !== null) return `efter overskriften »${excerpt(place.heading)}«`;
  if (place.previousStart === null) return 'i starten af dokumentet';
  return `efter afsnit ${place.paragraph - 1}${place.previousStart === '' ? '' : ` (»${excerpt(place.previousStart, 40)}«)`}`;
}

function afterEn(place: Place): string {
  if (place.heading !== null) return `after the heading "${excerpt(place.heading)}"`;
  if (place.previousStart === null) return 'at the start of the document';
  return `after paragraph ${place.paragraph - 1}${place.previousStart === '' ? '' : ` ("${excerpt(place.previousStart, 40)}")`}`;
}

const plural = (n: number, one: string, many: string): string => `${n} ${n === 1 ? one : many}`;

// ---- The document as a whole ----

export function emptyDocumentNote(): DocxImportNote {
  return note('empty-document', 'Dokumentet er tomt – der er ingen tekst eller billeder at overføre.', 'The document is empty: no text or pictures to import.');
}

export function tooLongNote(bytes: number, limit: number): DocxImportNote {
  const kb = (n: number): number => Math.ceil(n / 1024);
  return note(
    'too-long',
    `Teksten fylder ${kb(bytes)} kB, men en historie må højst fylde ${kb(limit)} kB. Hele teksten er overført, men den skal forkortes eller deles op i flere historier, før den kan gemmes til kiosken.`,
    `The text is ${kb(bytes)} kB; a story may be at most ${kb(limit)} kB. All of it was imported, but it must be shortened or split before saving.`,
  );
}

/** Notes for what the raw XML showed, in the order a reader meets them: whole-document things first. */
export function featureNotes(features: DocxFeatures): DocxImportNote[] {
  const notes: DocxImportNote[] = [];
  if (features.trackedChanges) {
    notes.push(note(
      'tracked-changes',
      'Dokumentet har ændringer, der ikke er godkendt (Spor ændringer). Teksten er overført, som om alle ændringer var godkendt: slettet tekst er udeladt, og tilføjet tekst er med. Læs teksten igennem – eller godkend ændringerne i Word, og importér dokumentet igen.',
      'The document has tracked changes; they were imported as if accepted (deleted text left out, inserted text kept).',
    ));
  }
  const { count, authors } = features.comments;
  if (count > 0) {
    const from = authors.length > 0 ? ` fra ${authors.slice(0, 3).join(', ')}` : '';
    notes.push(note(
      'comments',
      `Dokumentet har ${plural(count, 'kommentar', 'kommentarer')}${from}. Kommentarer bliver ikke overført – læs dem i Word, hvis der står noget, der skal rettes.`,
      `The document has ${count} comment(s); comments are not imported.`,
    ));
  }
  for (const text of features.textBoxes) {
    notes.push(note(
      'text-box',
      `Tekstfeltet »${excerpt(text)}« er overført som et almindeligt afsnit, for kiosken har ikke tekstfelter. Tjek, at teksten står det rigtige sted.`,
      `The text box "${excerpt(text)}" was imported as an ordinary paragraph; check where it ended up.`,
    ));
  }
  const graphics: Array<[DocxNoteKind, number, string, string, string]> = [
    ['chart', features.charts, 'diagram', 'diagrammer', 'chart'],
    ['smart-art', features.smartArt, 'SmartArt-grafik', 'SmartArt-grafikker', 'SmartArt graphic'],
    ['equation', features.equations, 'formel', 'formler', 'equation'],
  ];
  for (const [kind, n, one, many, english] of graphics) {
    if (n === 0) continue;
    notes.push(note(
      kind,
      `Dokumentet har ${plural(n, one, many)}, som kiosken ikke kan vise, og ${n === 1 ? 'den' : 'de'} er ikke overført. Gem ${n === 1 ? 'den' : 'dem'} som billede (PNG) i Word, og tilføj billedet i editoren.`,
      `The document has ${n} ${english}(s), which the kiosk cannot show; not imported.`,
    ));
  }
  return notes;
}

/** Something mammoth reported and we have no better words for. */
export function unreadablePartNote(detail: string): DocxImportNote {
  return note(
    'unreadable-part',
    `En del af dokumentet kunne ikke læses og er udeladt (teknisk: ${excerpt(detail, 80)}). Sammenlign med dokumentet i Word, om der mangler noget.`,
    `Part of the document could not be read and was left out: ${detail}`,
  );
}

// ---- Things at a place in the text ----

export function tableNote(place: Place): DocxImportNote {
  return note(
    'table',
    `Tabellen ${afterDa(place)} blev ikke overført som tabel, for kiosken kan ikke vise tabeller. Indholdet står i stedet som punkter, én række pr. punkt – læs dem igennem.`,
    `The table ${afterEn(place)} was imported as bullet points (one per row): the kiosk cannot show tables.`,
  );
}

export function linkNote(place: Place, label: string, url: string): DocxImportNote {
  const shown = label === url ? '' : ` Adressen står i parentes efter »${excerpt(label)}«.`;
  return note(
    'link',
    `Linket til ${excerpt(url, 80)} ${inDa(place)} vises som tekst – på kiosken kan man ikke klikke på links.${shown}`,
    `The link to ${url} ${inEn(place)} is shown as text: links cannot be followed on the kiosk.`,
  );
}

export function localLinkNote(place: Place, label: string, target: string): DocxImportNote {
  return note(
    'link',
    `Linket »${excerpt(label)}« ${inDa(place)} peger på en fil eller et sted, kiosken ikke kan åbne (${excerpt(target, 80)}). Kun teksten er overført.`,
    `The link "${label}" ${inEn(place)} points to ${target}, which the kiosk cannot open; only its text was imported.`,
  );
}

export function internalLinksNote(count: number): DocxImportNote {
  return note(
    'internal-links',
    `${count === 1 ? 'En henvisning' : `${count} henvisninger`} til andre steder i dokumentet (fx en indholdsfortegnelse) virker ikke på kiosken. Teksten er overført, men man kan ikke klikke på den.`,
    `${count} link(s) to other places in the document (e.g. a table of contents) do not work on the kiosk; their text was imported.`,
  );
}

export function footnoteNote(place: Place, kind: 'footnote' | 'endnote', number: string, text: string): DocxImportNote {
  const name = kind === 'footnote' ? 'Fodnote' : 'Slutnote';
  const quoted = excerpt(text, 200);
  return note(
    'footnote',
    `${name} ${number} ${inDa(place)} blev ikke overført, for kiosken viser ikke fod- og slutnoter. Den lyder: »${quoted}«${/[.!?…]$/.test(quoted) ? '' : '.'} Skriv den ind i teksten, hvis den er vigtig.`,
    `${kind === 'footnote' ? 'Footnote' : 'Endnote'} ${number} ${inEn(place)} was not imported: "${quoted}"`,
  );
}

export function strikethroughNote(place: Place, example: string, count: number): DocxImportNote {
  const more = count > 1 ? ` og ${plural(count - 1, 'sted', 'steder')} mere` : '';
  return note(
    'strikethrough',
    `Gennemstreget tekst vises som almindelig tekst på kiosken: »${excerpt(example)}« ${inDa(place)}${more}. Slet den, hvis den ikke skal med.`,
    `Struck-through text is shown as ordinary text: "${excerpt(example)}" ${inEn(place)}${count > 1 ? ` and ${count - 1} more` : ''}.`,
  );
}

// ---- Pictures ("billede 2": the second picture in the document, as its author scrolls to it) ----

export type ImageProblem =
  | { kind: 'format'; format: string }
  | { kind: 'too-large'; width: number; height: number }
  | { kind: 'unreadable' }
  | { kind: 'not-embedded' };

const FORMAT_NAMES: Record<string, string> = {
  'image/x-emf': 'EMF (en Office-tegning, fx kopieret fra Excel eller Visio)',
  'image/x-wmf': 'WMF (en Office-tegning)',
  'image/svg+xml': 'SVG',
  'image/bmp': 'BMP',
};

export function imageProblemNote(place: Place, number: number, problem: ImageProblem): DocxImportNote {
  const which = `Billede ${number} ${inDa(place)}`;
  const whichEn = `Picture ${number} ${inEn(place)}`;
  switch (problem.kind) {
    case 'format':
      return note(
        'image-format',
        `${which} er i formatet ${FORMAT_NAMES[problem.format] ?? problem.format}, som kiosken ikke kan vise, og er ikke overført. Gem billedet som PNG eller JPEG, og tilføj det i editoren.`,
        `${whichEn} is ${problem.format}, which the kiosk cannot show; not imported.`,
      );
    case 'too-large':
      return note(
        'image-too-large',
        `${which} er ${problem.width} × ${problem.height} pixels (${megapixels(problem.width, problem.height, 'da-DK')} megapixel) – for stort til kiosken, og er ikke overført. Gem en mindre udgave (fx 4000 pixels bred), og tilføj den i editoren.`,
        `${whichEn} is ${problem.width} × ${problem.height} pixels, too large for the kiosk; not imported.`,
      );
    case 'unreadable':
      return note(
        'image-unreadable',
        `${which} kan ikke åbnes – billedfilen i dokumentet er måske beskadiget – og er ikke overført. Tilføj billedet i editoren.`,
        `${whichEn} cannot be decoded; not imported.`,
      );
    case 'not-embedded':
      return note(
        'image-not-embedded',
        `${which} er kun et link til en fil på den computer, dokumentet blev skrevet på – selve billedet er ikke gemt i dokumentet. Tilføj billedet i editoren.`,
        `${whichEn} is linked, not embedded in the document; not imported.`,
      );
  }
}

export function imageWithoutAltNote(place: Place, number: number): DocxImportNote {
  return note(
    'image-without-alt',
    `Billede ${number} ${inDa(place)} har ingen beskrivelse (alt-tekst) til blinde og svagtseende. Skriv en, før historien kan gemmes.`,
    `Picture ${number} ${inEn(place)} has no alt text.`,
  );
}

export function generatedAltNote(place: Place, number: number, alt: string): DocxImportNote {
  return note(
    'image-generated-alt',
    `Beskrivelsen (alt-teksten) af billede ${number} ${inDa(place)} er lavet automatisk af Word: »${excerpt(alt, 120)}«. Læs den igennem, og ret den, så den fortæller, hvad billedet viser.`,
    `The alt text of picture ${number} ${inEn(place)} was generated by Word: "${alt}"`,
  );
}
