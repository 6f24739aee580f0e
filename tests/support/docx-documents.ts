// Word documents shaped like the ones Lejre's staff really write (a village newsletter, a "how to apply"
// guide, a library fact sheet with a table, a long report, a text full of Danish letters and quotes),
// built with the `docx` package so tests need no binary fixtures. Shared by the unit tests of the Word
// import and the editor's end-to-end test. Each builder's expected strings are exported next to it.
import {
  AlignmentType,
  CommentRangeEnd,
  CommentRangeStart,
  CommentReference,
  DeletedTextRun,
  Document,
  ExternalHyperlink,
  FootnoteReferenceRun,
  HeadingLevel,
  ImageRun,
  InsertedTextRun,
  LevelFormat,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  Textbox,
  TextRun,
  type IParagraphStyleOptions,
  type ISectionOptions,
} from 'docx';
import sharp from 'sharp';
import yauzl from 'yauzl';
import { writeRawZip, type RawEntry } from '../unit/bundle/raw-zip.js';

/** A real PNG of one colour; different colours give different files (the import merges identical pictures). */
export function colourPng(width: number, height: number, background: string): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } }).png().toBuffer();
}

// Danish Word names its built-in styles in English inside the file, but gives them Danish ids.
const DANISH_WORD_STYLES: IParagraphStyleOptions[] = [
  { id: 'Citat', name: 'Quote', basedOn: 'Normal', next: 'Normal', run: { italics: true } },
  { id: 'Listeafsnit', name: 'List Paragraph', basedOn: 'Normal' },
];

const NUMBERED = 'trin';

function documentOf(children: ISectionOptions['children'], extra: Partial<ConstructorParameters<typeof Document>[0]> = {}): Promise<Buffer> {
  const document = new Document({
    creator: 'Lejre Kommune',
    styles: { paragraphStyles: DANISH_WORD_STYLES },
    numbering: {
      config: [
        {
          reference: NUMBERED,
          levels: [
            { level: 0, format: LevelFormat.DECIMAL, text: '%1.', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 720, hanging: 360 } } } },
            { level: 1, format: LevelFormat.LOWER_LETTER, text: '%2)', alignment: AlignmentType.START, style: { paragraph: { indent: { left: 1440, hanging: 360 } } } },
          ],
        },
      ],
    },
    ...extra,
    sections: [{ children }],
  });
  return Packer.toBuffer(document);
}

const text = (value: string): Paragraph => new Paragraph({ children: [new TextRun(value)] });
const heading = (value: string, level: (typeof HeadingLevel)[keyof typeof HeadingLevel] = HeadingLevel.HEADING_1): Paragraph => new Paragraph({ text: value, heading: level });
const bullet = (value: string, level = 0): Paragraph => new Paragraph({ text: value, bullet: { level } });
const cell = (value: string): TableCell => new TableCell({ children: [text(value)] });
const step = (value: string, level = 0): Paragraph => new Paragraph({ text: value, numbering: { reference: NUMBERED, level } });

function picture(data: Buffer, width: number, height: number, description?: string): ImageRun {
  return new ImageRun({
    type: 'png',
    data,
    transformation: { width, height },
    ...(description !== undefined ? { altText: { name: 'Billede', description, title: '' } } : {}),
  });
}

// ---- 1. A village newsletter: title, lead, sections, bold/italic, a picture, a list, a link, a quote ----

export const NEWSLETTER = {
  title: 'Nyt fra Osted Bylaug',
  lead: 'Sommeren er over os, og bylauget inviterer til fest på den grønne plads.',
  sections: ['Sommerfesten', 'Praktisk'],
  imageAlt: 'Børn og voksne ved langbordet på den grønne plads i Osted',
  link: 'https://www.lejre.dk/kultur-og-fritid',
  quote: 'Det bedste ved byen er, at vi kender hinanden.',
  textBox: 'Husk tilmelding senest 1. juni',
};

export async function buildNewsletterDocx(): Promise<Buffer> {
  const photo = await colourPng(1200, 800, '#2a6f5c');
  return documentOf([
    new Paragraph({ text: NEWSLETTER.title, heading: HeadingLevel.TITLE }),
    text(NEWSLETTER.lead),
    heading(NEWSLETTER.sections[0] ?? ''),
    new Paragraph({
      children: [
        new TextRun('Festen begynder '),
        new TextRun({ text: 'lørdag den 21. juni kl. 14', bold: true }),
        new TextRun(' med '),
        new TextRun({ text: 'fælles kaffebord', italics: true }),
        new TextRun('. Tag gerne en kage med.'),
      ],
    }),
    new Paragraph({ children: [picture(photo, 600, 400, NEWSLETTER.imageAlt)] }),
    new Paragraph({ text: NEWSLETTER.quote, style: 'Citat' }),
    new Textbox({ style: { width: '3in', height: '1in' }, children: [text(NEWSLETTER.textBox)] }),
    heading(NEWSLETTER.sections[1] ?? ''),
    bullet('Medbring service og en stol'),
    bullet('Bylauget sørger for grill og drikkevarer'),
    bullet('Musik fra kl. 19'),
    new Paragraph({
      children: [
        new TextRun('Læs mere om foreninger i kommunen på '),
        new ExternalHyperlink({ link: NEWSLETTER.link, children: [new TextRun({ text: 'kommunens hjemmeside', style: 'Hyperlink' })] }),
        new TextRun('.'),
      ],
    }),
  ]);
}

// ---- 2. A "how to apply" guide: numbered steps with nested points, three levels deep ----

export const GUIDE = {
  title: 'Sådan søger du om tilskud til dit bylaug',
  steps: ['Find ansøgningsskemaet', 'Udfyld skemaet', 'Send ansøgningen'],
  nested: ['Beskriv projektet kort', 'Vedlæg et budget', 'Husk udgifter til materialer'],
};

export function buildNestedListsDocx(): Promise<Buffer> {
  return documentOf([
    heading(GUIDE.title),
    text('Alle bylaug og foreninger i Lejre Kommune kan søge om tilskud to gange om året.'),
    heading('Trin for trin', HeadingLevel.HEADING_2),
    step(GUIDE.steps[0] ?? ''),
    step(GUIDE.steps[1] ?? ''),
    step(GUIDE.nested[0] ?? '', 1),
    step(GUIDE.nested[1] ?? '', 1),
    bullet(GUIDE.nested[2] ?? '', 2),
    step(GUIDE.steps[2] ?? ''),
    heading('Det skal du have klar', HeadingLevel.HEADING_2),
    bullet('CVR-nummer'),
    bullet('Kontaktperson', 0),
    bullet('Navn og telefon', 1),
    bullet('E-mail', 1),
  ]);
}

// ---- 3. Pictures: with and without alt text, Word's own guess, one used twice, a GIF, an Office drawing ----

export const PICTURES = {
  title: 'Billeder fra høstmarkedet',
  withAlt: 'Boder med æbler og græskar på torvet i Hvalsø',
  generatedAlt: 'Et billede, der indeholder udendørs, græs, træ',
  heading: 'Markedsdagen',
};

/** Turns every BMP picture in a .docx into an EMF one (what Word stores for a chart pasted from Excel). */
async function withEmfPictures(docx: Buffer): Promise<Buffer> {
  const zip = await yauzl.fromBufferPromise(docx, { lazyEntries: true });
  const entries: RawEntry[] = [];
  for await (const entry of zip.eachEntry()) {
    const stream = await zip.openReadStreamPromise(entry);
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    let data = Buffer.concat(chunks);
    if (entry.fileName.endsWith('.xml') || entry.fileName.endsWith('.rels')) {
      let xml = data.toString('utf8').replace(/\.bmp"/g, '.emf"');
      if (entry.fileName === '[Content_Types].xml') xml = xml.replace('<Default ', '<Default Extension="emf" ContentType="image/x-emf"/><Default ');
      data = Buffer.from(xml, 'utf8');
    }
    entries.push({ name: entry.fileName.replace(/\.bmp$/, '.emf'), data, method: 8 });
  }
  zip.close();
  return writeRawZip(entries);
}

/** The first bytes of an Enhanced Metafile: record type 1 (header) and the " EMF" signature at byte 40. */
function emfHeader(): Buffer {
  const bytes = Buffer.alloc(108);
  bytes.writeUInt32LE(1, 0);
  bytes.writeUInt32LE(108, 4);
  bytes.write(' EMF', 40, 'latin1');
  return bytes;
}

export async function buildImagesDocx(): Promise<Buffer> {
  const [market, stall, crowd] = await Promise.all([colourPng(1600, 1200, '#c0392b'), colourPng(800, 600, '#f39c12'), colourPng(1000, 750, '#27ae60')]);
  const gif = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#8e44ad' } }).gif().toBuffer();
  const docx = await documentOf([
    heading(PICTURES.title),
    text('Høstmarkedet samlede igen i år hele byen.'),
    heading(PICTURES.heading, HeadingLevel.HEADING_2),
    new Paragraph({ children: [picture(market, 640, 480, PICTURES.withAlt)] }),
    text('Her er boderne, før markedet åbnede.'),
    new Paragraph({ children: [picture(stall, 400, 300)] }),
    new Paragraph({ children: [picture(crowd, 500, 375, `${PICTURES.generatedAlt}\n\nAutomatisk genereret beskrivelse`)] }),
    new Paragraph({ children: [new ImageRun({ type: 'gif', data: gif, transformation: { width: 320, height: 240 }, altText: { name: 'gif', description: 'Animeret logo for høstmarkedet', title: '' } })] }),
    new Paragraph({ children: [new ImageRun({ type: 'bmp', data: emfHeader(), transformation: { width: 300, height: 200 }, altText: { name: 'Diagram', description: 'Besøgstal', title: '' } })] }),
    heading('Næste år', HeadingLevel.HEADING_2),
    new Paragraph({ children: [picture(market, 320, 240, PICTURES.withAlt)] }),
  ]);
  return withEmfPictures(docx);
}

// ---- 4. A library fact sheet: a table of opening hours, a footnote, a colleague's comment and edits ----

export const FACT_SHEET = {
  title: 'Biblioteket i Hvalsø',
  tableHeading: 'Åbningstider',
  rows: [
    ['Dag', 'Betjent', 'Selvbetjent'],
    ['Mandag–torsdag', '10–17', '7–22'],
    ['Fredag', '10–15', '7–22'],
    ['Lørdag', 'Lukket', '7–16'],
  ],
  footnote: 'Selvbetjening kræver sundhedskort og pinkode.',
  inserted: 'Der er gratis wifi.',
  deleted: 'Der er kaffe i automaten.',
  commentAuthor: 'Mette Jensen',
};

export function buildOpeningHoursDocx(): Promise<Buffer> {
  const date = '2025-03-01T10:00:00Z';
  return documentOf(
    [
      new Paragraph({ text: FACT_SHEET.title, heading: HeadingLevel.TITLE }),
      text('Biblioteket ligger midt i Hvalsø, tæt på stationen.'),
      heading(FACT_SHEET.tableHeading),
      new Paragraph({ children: [new TextRun('Biblioteket har både betjent og selvbetjent åbningstid'), new FootnoteReferenceRun(1), new TextRun('.')] }),
      new Table({ rows: FACT_SHEET.rows.map((row, i) => new TableRow({ tableHeader: i === 0, children: row.map(cell) })) }),
      heading('Faciliteter'),
      new Paragraph({
        children: [
          new CommentRangeStart(0),
          new TextRun('Der er læsepladser og studierum. '),
          new CommentRangeEnd(0),
          new TextRun({ children: [new CommentReference(0)] }),
          new InsertedTextRun({ text: FACT_SHEET.inserted, id: 1, author: FACT_SHEET.commentAuthor, date }),
          new DeletedTextRun({ text: FACT_SHEET.deleted, id: 2, author: FACT_SHEET.commentAuthor, date }),
        ],
      }),
    ],
    {
      footnotes: { 1: { children: [text(FACT_SHEET.footnote)] } },
      comments: { children: [{ id: 0, author: FACT_SHEET.commentAuthor, initials: 'MJ', date: new Date(date), children: [text('Er der stadig studierum efter ombygningen?')] }] },
    },
  );
}

// ---- 5. A long report: many sections and hundreds of paragraphs ----

export const REPORT = { title: 'Årsrapport for landsbyerne', sectionTitle: (n: number): string => `Afsnit ${n}: Livet i landsbyerne` };

/** `sections` sections of `paragraphsPerSection` paragraphs (about 300 characters each) under a subheading. */
export function buildLongReportDocx(sections = 40, paragraphsPerSection = 10): Promise<Buffer> {
  const children: Paragraph[] = [heading(REPORT.title)];
  for (let s = 1; s <= sections; s++) {
    children.push(heading(REPORT.sectionTitle(s), HeadingLevel.HEADING_2));
    for (let p = 1; p <= paragraphsPerSection; p++) {
      if (p === paragraphsPerSection / 2) children.push(heading(`Status ${s}.${p}`, HeadingLevel.HEADING_3));
      children.push(
        new Paragraph({
          children: [
            new TextRun(`Afsnit ${s}.${p}: `),
            new TextRun({ text: 'Fællesskab og fritid', bold: true }),
            new TextRun(' fylder meget i landsbyerne. Foreningerne holder møder i forsamlingshuset, og børnene mødes på legepladsen efter skole. Mange fortæller, at de flyttede hertil for naturens skyld, men blev for naboernes. '),
            new TextRun({ text: 'Det gælder både unge og ældre.', italics: true }),
          ],
        }),
      );
    }
  }
  return documentOf(children);
}

// ---- 6. Danish letters and typographic quotes, which must arrive exactly as typed ----

export const DANISH = {
  title: 'Æblehøst på Søholm Gård',
  heading: 'Årets første æbler – og de sidste pærer',
  sentences: [
    'Ældre Åse fra Ørsted sagde: „Æbler fra gården smager bedst.“',
    'Hun kaldte det »årets høst« – og børnene svarede «ja!».',
    'Det var ‚næsten‘ for meget, men ’det går nok’, sagde Øjvind… Én dag mere!',
    'Sagt ligeud: "Tak for i dag" og \'vi ses\'. ÆØÅ æøå Üü é.',
  ],
  bold: 'Søndag på Søholm',
};

export function buildDanishTextDocx(): Promise<Buffer> {
  return documentOf([
    new Paragraph({ text: DANISH.title, heading: HeadingLevel.TITLE }),
    ...DANISH.sentences.slice(0, 2).map(text),
    heading(DANISH.heading),
    ...DANISH.sentences.slice(2).map(text),
    new Paragraph({ children: [new TextRun({ text: DANISH.bold, bold: true }), new TextRun(' er der åbent fra kl. 10.')] }),
  ]);
}

// ---- 7. A plain letter: no headings at all, so notes must point at paragraphs instead ----

export const LETTER = {
  opening: 'Kære beboere i Kirke Hyllinge',
  second: 'Vi holder vejfest i år, og alle er velkomne.',
  email: 'vejfest@example.dk',
};

export function buildPlainLetterDocx(): Promise<Buffer> {
  return documentOf([
    text(LETTER.opening),
    text(LETTER.second),
    new Table({ rows: [new TableRow({ children: [cell('Hvornår'), cell('Lørdag 16. august')] }), new TableRow({ children: [cell('Hvor'), cell('Bygaden')] })] }),
    new Paragraph({
      children: [new TextRun('Spørgsmål? Skriv til '), new ExternalHyperlink({ link: `mailto:${LETTER.email}`, children: [new TextRun(LETTER.email)] })],
    }),
  ]);
}

/** A document with no text at all, as Word saves a new blank page. */
export function buildEmptyDocx(): Promise<Buffer> {
  return documentOf([new Paragraph({ children: [] })]);
}
