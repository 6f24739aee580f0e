import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { DocxImportError, importDocx, tryImportDocx, type DocxImportResult, type DocxNoteKind } from '../../../electron/core/editor/docx-import.js';
import { MAX_BODY_BYTES } from '../../../electron/core/content/story-files.js';
import { writeRawZip } from '../bundle/raw-zip.js';
import {
  buildDanishTextDocx,
  buildEmptyDocx,
  buildImagesDocx,
  buildLongReportDocx,
  buildNestedListsDocx,
  buildNewsletterDocx,
  buildOpeningHoursDocx,
  buildPlainLetterDocx,
  DANISH,
  FACT_SHEET,
  GUIDE,
  LETTER,
  NEWSLETTER,
  PICTURES,
  REPORT,
} from '../../support/docx-documents.js';

// What a staff member sees after "Importér Word-dokument": the title and summary fields, the body text,
// the pictures with their descriptions, and the list of notes in Danish.

function notesOf(result: DocxImportResult, kind: DocxNoteKind): string[] {
  return result.notes.filter((note) => note.kind === kind).map((note) => note.messageDa);
}

/** The one note of a kind; fails with the whole list when there is not exactly one. */
function noteOf(result: DocxImportResult, kind: DocxNoteKind): string {
  const found = notesOf(result, kind);
  expect(found, JSON.stringify(result.notes, null, 2)).toHaveLength(1);
  return found[0] ?? '';
}

/** HTML without line breaks between tags, so a nesting can be matched in one expression. */
const compact = (html: string): string => html.replace(/>\s+</g, '><');

describe('importing a village newsletter', () => {
  it('takes the title and the lead for the story fields and keeps the sections one level below the title', async () => {
    const result = await importDocx(await buildNewsletterDocx());

    expect(result.title).toBe(NEWSLETTER.title);
    expect(result.summary).toBe(NEWSLETTER.lead);
    // Neither is repeated in the body: the kiosk shows them above it already.
    expect(result.bodyMarkdown).not.toContain(NEWSLETTER.title);
    expect(result.bodyMarkdown).not.toContain(NEWSLETTER.lead);
    expect(result.bodyMarkdown.startsWith(`## ${NEWSLETTER.sections[0]}`)).toBe(true);
    expect(result.bodyMarkdown).toContain(`## ${NEWSLETTER.sections[1]}`);
    expect(result.bodyHtml).toContain(`<h3>${NEWSLETTER.sections[0]}</h3>`);
    expect(result.bodyHtml).not.toMatch(/<h[12]>/);
  });

  it('keeps bold, italic, the quote and the list, and shows the link as text with a note', async () => {
    const result = await importDocx(await buildNewsletterDocx());

    expect(result.bodyMarkdown).toContain('Festen begynder **lørdag den 21. juni kl. 14** med *fælles kaffebord*. Tag gerne en kage med.');
    expect(result.bodyMarkdown).toContain(`> ${NEWSLETTER.quote}`);
    expect(result.bodyMarkdown).toContain('- Medbring service og en stol\n- Bylauget sørger for grill og drikkevarer\n- Musik fra kl. 19');
    expect(result.bodyHtml).toContain('<strong>lørdag den 21. juni kl. 14</strong>');
    expect(result.bodyHtml).toContain(`<blockquote>\n<p>${NEWSLETTER.quote}</p>\n</blockquote>`);

    expect(result.bodyMarkdown).toContain(`kommunens hjemmeside (${NEWSLETTER.link})`);
    const link = noteOf(result, 'link');
    expect(link).toContain(NEWSLETTER.link);
    expect(link).toContain('»Praktisk«');
    expect(link).toContain('vises som tekst');
  });

  it('extracts the photo as a bundle-safe PNG with the alt text from Word, and shows it in the body', async () => {
    const result = await importDocx(await buildNewsletterDocx());

    expect(result.images).toHaveLength(1);
    const [photo] = result.images;
    expect(photo?.fileName).toBe('nyt-fra-osted-bylaug-1.png');
    expect(photo?.altText).toBe(NEWSLETTER.imageAlt);
    expect(photo?.contentType).toBe('image/png');
    expect([photo?.width, photo?.height]).toEqual([1200, 800]);
    expect((await sharp(photo?.bytes).metadata()).format).toBe('png');
    expect(result.bodyMarkdown).toContain(`![${NEWSLETTER.imageAlt}](media/nyt-fra-osted-bylaug-1.png)`);
    expect(result.bodyHtml).toContain(`<img src="/media/nyt-fra-osted-bylaug-1.png" alt="${NEWSLETTER.imageAlt}" width="1200" height="800" />`);
  });

  it('keeps the text of a text box and says where it went', async () => {
    const result = await importDocx(await buildNewsletterDocx());

    expect(result.bodyMarkdown).toContain(NEWSLETTER.textBox);
    expect(noteOf(result, 'text-box')).toContain(`»${NEWSLETTER.textBox}«`);
  });

  it('names the pictures after the story when the editor gives its id', async () => {
    const result = await importDocx(await buildNewsletterDocx(), { fileNamePrefix: 'Sommerfest i Øster Ølstykke' });

    expect(result.images.map((image) => image.fileName)).toEqual(['sommerfest-i-oester-oelstykke-1.png']);
  });
});

describe('importing a guide with nested lists', () => {
  it('keeps numbered steps with their sub-points, three levels deep', async () => {
    const result = await importDocx(await buildNestedListsDocx());

    expect(result.title).toBe(GUIDE.title);
    expect(result.bodyMarkdown).toContain(
      [
        '## Trin for trin',
        '',
        `1. ${GUIDE.steps[0]}`,
        `2. ${GUIDE.steps[1]}`,
        `   1. ${GUIDE.nested[0]}`,
        `   2. ${GUIDE.nested[1]}`,
        `      - ${GUIDE.nested[2]}`,
        `3. ${GUIDE.steps[2]}`,
      ].join('\n'),
    );
    expect(compact(result.bodyHtml)).toContain(
      `<ol><li>${GUIDE.steps[0]}</li><li>${GUIDE.steps[1]}<ol><li>${GUIDE.nested[0]}</li><li>${GUIDE.nested[1]}<ul><li>${GUIDE.nested[2]}</li></ul></li></ol></li><li>${GUIDE.steps[2]}</li></ol>`,
    );
    expect(compact(result.bodyHtml)).toContain('<ul><li>CVR-nummer</li><li>Kontaktperson<ul><li>Navn og telefon</li><li>E-mail</li></ul></li></ul>');
    expect(result.notes).toEqual([]);
  });
});

describe('importing pictures', () => {
  it('keeps every picture the kiosk can show, once each, with the description Word has', async () => {
    const result = await importDocx(await buildImagesDocx());

    // Four different pictures (the first is used twice); the Office drawing cannot come along.
    expect(result.images.map((image) => image.altText)).toEqual([PICTURES.withAlt, null, PICTURES.generatedAlt, 'Animeret logo for høstmarkedet']);
    for (const image of result.images) {
      expect(image.fileName).toMatch(/^billeder-fra-hoestmarkedet-\d\.png$/);
      expect(result.bodyMarkdown).toContain(`](media/${image.fileName})`);
    }
    const first = result.images[0]?.fileName ?? '';
    expect(result.bodyMarkdown.split(`(media/${first})`)).toHaveLength(3);
    // The GIF became a PNG the kiosk can show.
    expect(result.images[3]?.contentType).toBe('image/png');
    expect((await sharp(result.images[3]?.bytes).metadata()).format).toBe('png');
  });

  it('asks for a description where Word has none and for a check where Word made one up', async () => {
    const result = await importDocx(await buildImagesDocx());

    const missing = noteOf(result, 'image-without-alt');
    expect(missing).toContain('Billede 2');
    expect(missing).toContain(`»${PICTURES.heading}«`);
    expect(missing).toContain('alt-tekst');
    expect(noteOf(result, 'image-generated-alt')).toContain(`»${PICTURES.generatedAlt}«`);
    // The kiosk never shows a picture without a description: the staff member must write one first.
    expect(result.bodyHtml.match(/<img /g)).toHaveLength(4);
    expect(result.bodyHtml).not.toContain(result.images[1]?.fileName);
  });

  it('says in words that an Office drawing (EMF) was left out', async () => {
    const result = await importDocx(await buildImagesDocx());

    const format = noteOf(result, 'image-format');
    expect(format).toContain('Billede 5');
    expect(format).toContain('EMF');
    expect(format).toContain('PNG eller JPEG');
  });
});

describe('importing a fact sheet with a table', () => {
  it('turns the table into points, so no text is lost, and names the heading it follows', async () => {
    const result = await importDocx(await buildOpeningHoursDocx());

    expect(result.title).toBe(FACT_SHEET.title);
    for (const cell of FACT_SHEET.rows.flat()) expect(result.bodyMarkdown).toContain(cell);
    expect(result.bodyMarkdown).toContain('- Mandag–torsdag: 10–17 · 7–22');
    const table = noteOf(result, 'table');
    expect(table).toContain(`Tabellen efter overskriften »${FACT_SHEET.tableHeading}«`);
    expect(table).toContain('punkter');
  });

  it('quotes the footnote it leaves out and mentions the comment', async () => {
    const result = await importDocx(await buildOpeningHoursDocx());

    const footnote = noteOf(result, 'footnote');
    expect(footnote).toContain(FACT_SHEET.footnote);
    expect(footnote).toContain(`»${FACT_SHEET.tableHeading}«`);
    expect(result.bodyMarkdown).not.toContain('[1]');
    expect(noteOf(result, 'comments')).toContain(FACT_SHEET.commentAuthor);
  });

  it('takes tracked changes as accepted, and says so', async () => {
    const result = await importDocx(await buildOpeningHoursDocx());

    expect(result.bodyMarkdown).toContain(FACT_SHEET.inserted);
    expect(result.bodyMarkdown).not.toContain(FACT_SHEET.deleted);
    expect(noteOf(result, 'tracked-changes')).toContain('Spor ændringer');
  });

  it('points at a paragraph by number and first words when there is no heading', async () => {
    const result = await importDocx(await buildPlainLetterDocx());

    expect(result.title).toBeNull();
    expect(noteOf(result, 'table')).toContain(`efter afsnit 2 (»${LETTER.second.slice(0, 16)}`);
    expect(result.bodyMarkdown).toContain('- Hvornår: Lørdag 16. august\n- Hvor: Bygaden');
    expect(result.bodyMarkdown).toContain(`Skriv til ${LETTER.email}`);
    expect(noteOf(result, 'link')).toContain('i afsnit 4 (»Spørgsmål? Skriv til');
  });
});

describe('importing a long report', () => {
  it('carries over hundreds of paragraphs in order, with every heading', async () => {
    const result = await importDocx(await buildLongReportDocx(40, 10));

    expect(result.title).toBe(REPORT.title);
    expect(result.bodyMarkdown.match(/^Afsnit \d+\.\d+: \*\*Fællesskab og fritid\*\*/gm)).toHaveLength(400);
    expect(result.bodyMarkdown.match(/^## Afsnit \d+: Livet i landsbyerne$/gm)).toHaveLength(40);
    expect(result.bodyMarkdown.match(/^### Status \d+\.5$/gm)).toHaveLength(40);
    expect(result.bodyMarkdown.indexOf('Afsnit 39.10:')).toBeLessThan(result.bodyMarkdown.indexOf('## Afsnit 40:'));
    expect(result.notes).toEqual([]);
  });

  it('keeps all of a story that is too long for the kiosk and says by how much', async () => {
    const result = await importDocx(await buildLongReportDocx(80, 10));

    expect(Buffer.byteLength(result.bodyMarkdown)).toBeGreaterThan(MAX_BODY_BYTES);
    expect(result.bodyMarkdown).toContain('Afsnit 80.10:');
    const tooLong = noteOf(result, 'too-long');
    expect(tooLong).toContain(`højst fylde ${MAX_BODY_BYTES / 1024} kB`);
    expect(result.notes[0]?.kind).toBe('too-long');
  });

  it('refuses a file over the size limit with the limit in the message', async () => {
    const bytes = await buildNewsletterDocx();

    const refused = importDocx(bytes, { limits: { maxFileBytes: 10_000 } });
    await expect(refused).rejects.toBeInstanceOf(DocxImportError);
    await expect(refused).rejects.toMatchObject({ code: 'too-large', messageDa: expect.stringContaining('højst 10 kB') });
  });

  it('refuses a document that unpacks to more than the limit (a zip bomb) before converting it', async () => {
    const refused = importDocx(await buildLongReportDocx(4, 10), { limits: { maxUnpackedBytes: 50_000 } });

    await expect(refused).rejects.toMatchObject({ code: 'too-large', messageDa: expect.stringContaining('når det pakkes ud') });
  });
});

describe('importing Danish text', () => {
  it('keeps æ, ø, å and every kind of quotation mark exactly as typed', async () => {
    const result = await importDocx(await buildDanishTextDocx());

    expect(result.title).toBe(DANISH.title);
    expect(result.summary).toBe(DANISH.sentences[0]);
    for (const sentence of DANISH.sentences.slice(1)) {
      expect(result.bodyMarkdown).toContain(sentence);
      expect(result.bodyHtml).toContain(sentence);
    }
    expect(result.bodyMarkdown).toContain(`## ${DANISH.heading}`);
    expect(result.bodyHtml).toContain(`<strong>${DANISH.bold}</strong>`);
  });
});

describe('files that are not a Word document', () => {
  async function refusal(bytes: Buffer): Promise<DocxImportError> {
    const outcome = await tryImportDocx(bytes);
    expect(outcome.ok).toBe(false);
    const error = await importDocx(bytes).then(
      () => null,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(DocxImportError);
    const failure = error as DocxImportError;
    expect(outcome).toEqual({ ok: false, messageDa: failure.messageDa, messageEn: failure.messageEn });
    return failure;
  }

  const cfb = (extra: Buffer = Buffer.alloc(0)): Buffer => Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(504), extra]);
  const zipOf = (files: Record<string, string>): Buffer => writeRawZip(Object.entries(files).map(([name, data]) => ({ name, data: Buffer.from(data), method: 8 })));

  it.each([
    ['an empty file', () => Buffer.alloc(0), 'empty-file', 'tom'],
    ['a PDF', () => Buffer.from('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'pdf', 'PDF'],
    ['an old .doc', () => cfb(), 'legacy-word', '.doc'],
    ['a password-protected .docx', () => cfb(Buffer.from('EncryptedPackage', 'utf16le')), 'password-protected', 'adgangskode'],
    ['an RTF file', () => Buffer.from('{\\rtf1\\ansi Hej}'), 'rtf', 'RTF'],
    ['a text file', () => Buffer.from('Kære alle, her er teksten.'), 'not-docx', 'ikke et Word-dokument'],
    ['an OpenDocument text', () => zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<office:document/>' }), 'odt', 'LibreOffice'],
    ['a zip without a document', () => zipOf({ 'billeder/hav.txt': 'ikke et billede' }), 'not-docx', 'ikke et Word-dokument'],
  ] as const)('refuses %s with a Danish message that says what it is', async (_name, bytes, code, words) => {
    const failure = await refusal(bytes());

    expect(failure.code).toBe(code);
    expect(failure.messageDa).toContain(words);
  });

  it('refuses a .docx that was cut short in copying', async () => {
    const whole = await buildNewsletterDocx();

    const failure = await refusal(whole.subarray(0, Math.floor(whole.length / 2)));
    expect(failure.code).toBe('corrupt');
    expect(failure.messageDa).toContain('beskadiget');
  });

  it('refuses a .docx whose text part is broken XML', async () => {
    const failure = await refusal(
      zipOf({
        '[Content_Types].xml': '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>',
        '_rels/.rels':
          '<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>',
        'word/document.xml': '<w:document><w:body><w:p>',
      }),
    );
    expect(failure.code).toBe('corrupt');
  });

  it('imports an empty Word document as an empty draft, and says it is empty', async () => {
    const result = await importDocx(await buildEmptyDocx());

    expect(result).toMatchObject({ title: null, summary: null, bodyMarkdown: '', images: [] });
    expect(noteOf(result, 'empty-document')).toContain('tomt');
  });
});
