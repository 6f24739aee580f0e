import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EditorRequestSchemas, type EditorMethod, type EditorResponse, type StoryDraft } from '../../../contract/editor-api.js';
import type { DocxImporter, EditorHost, ImportedDocument } from '../../../electron/core/editor/editor-host.js';
import { snapshotTree } from '../bundle/helpers.js';
import { picture } from '../content/support.js';
import { tempDirs } from '../host/support.js';
import { finishedDraft, forStaff, openTestEditor, type TestEditor } from './support/editor-project.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

const MB = 1024 * 1024;

async function call<M extends EditorMethod>(host: EditorHost, method: M, payload: object): Promise<EditorResponse<M>> {
  const result = await host.handle(method, payload);
  expect(result.status, JSON.stringify(result.body)).toBe(200);
  return result.body as EditorResponse<M>;
}

/** Everything the editor could change: its data folder (settings, project) and the stick. */
async function everything({ dataDir, stick }: TestEditor): Promise<Record<string, string>> {
  return { ...(await snapshotTree(dataDir)), ...Object.fromEntries(Object.entries(await snapshotTree(stick)).map(([k, v]) => [`stick/${k}`, v])) };
}

describe('every request is checked against the contract', () => {
  const draft = finishedDraft('hoestmarked');
  const medium = { type: 'image', file: 'media/marked.jpg', width: 2400, height: 1600, alt: { da: 'Boder', en: '' }, caption: { da: '', en: '' }, credit: 'Foto' } as const;
  /** Payloads a broken or hostile page might send; typed per method, so a new method needs its own. */
  const broken: Record<EditorMethod, unknown[]> = {
    open: [{ stories: [] }],
    saveStory: [
      {},
      { story: { ...draft, id: '../../etc/passwd' } },
      { story: { ...draft, id: 'historie-og-baggrund', script: '<script>alert(1)</script>' } },
      { story: { ...draft, coreTasks: ['noget-andet'] } },
      { story: { ...draft, media: [{ ...medium, file: 'media/../../nøgle.pem' }] } },
      { story: { ...draft, media: [{ ...medium, width: -1 }] } },
      { story: { ...draft, validFrom: 'i morgen' } },
      { story: { ...draft, body: { da: 'x'.repeat(200_001), en: '' } } },
      { story: { ...draft, title: { da: 'Titel' } } },
    ],
    newStory: [{}, { title: 7 }, { title: 'x'.repeat(201) }, { title: 'Høstmarked', id: 'historie-og-baggrund' }],
    deleteStory: [{}, { id: '../stories' }, { id: 'historie-og-baggrund', all: true }],
    saveCoreTask: [
      {},
      { task: { id: 'noget-andet', title: { da: 'x', en: '' }, intro: { da: '', en: '' }, body: [] } },
      { task: { id: 'baeredygtig-vaekst', title: { da: 'x', en: '' }, intro: { da: '', en: '' }, body: [], colour: '#000000' } },
      { task: { id: 'baeredygtig-vaekst', title: { da: 'x', en: '' }, intro: { da: '', en: '' }, body: Array.from({ length: 21 }, () => ({ da: 'x', en: '' })) } },
    ],
    saveKioskTexts: [
      {},
      { texts: { attractTitle: { da: 'x', en: '' }, attractSubtitle: { da: '', en: '' } } },
      { texts: { attractTitle: { da: 'x', en: '' }, attractSubtitle: { da: '', en: '' }, about: { da: '', en: '' }, quote: 'fake' } },
    ],
    checklist: [{ now: '2030-01-01' }],
    listSticks: [{ folders: ['/'] }],
    saveToUsb: [{}, { stick: 5 }, { stick: '/tmp', keyPath: '/tmp/nøgle.pem' }, { stick: 'x'.repeat(1001) }],
    settings: [{ keyPath: '/tmp/nøgle.pem' }],
    setKeyPath: [{}, { keyPath: 5 }, { keyPath: 'x'.repeat(1001) }],
  };

  it('every method refuses a payload that breaks the contract with 400, and nothing changes on disk', async () => {
    const editor = await openTestEditor(dirs);
    const before = await everything(editor);
    expect(Object.keys(broken).sort()).toEqual(Object.keys(EditorRequestSchemas).sort());
    for (const [method, payloads] of Object.entries(broken)) {
      // (An empty array passes as an empty object in valibot; harmless for the methods without fields.)
      for (const payload of [...payloads, null, 'tekst', 42, undefined]) {
        const result = await editor.host.handle(method, payload);
        expect(result, `${method} ${JSON.stringify(payload)?.slice(0, 80)}`).toEqual({ status: 400, body: { error: 'invalid request' } });
      }
    }
    expect(await everything(editor)).toEqual(before);
  });

  it('a method the contract does not name is unknown, also the ones every object has', async () => {
    const editor = await openTestEditor(dirs);
    for (const method of ['readFile', '__proto__', 'constructor', 'toString', 'hasOwnProperty', '']) {
      expect(await editor.host.handle(method, {}), method).toEqual({ status: 404, body: { error: 'unknown method' } });
    }
  });
});

describe('writing a story', () => {
  it('"Ny historie", then typing, then opening again shows the story as typed, first in the list', async () => {
    const { host } = await openTestEditor(dirs);
    const { story } = await call(host, 'newStory', { title: 'Æblefest i Osted' });
    expect(story).toMatchObject({ id: 'aeblefest-i-osted', title: { da: 'Æblefest i Osted', en: '' } });

    const typed: StoryDraft = { ...finishedDraft(story.id), title: { da: 'Æblefest i Osted', en: 'Apple festival in Osted' } };
    const saved = await call(host, 'saveStory', { story: typed });
    expect(saved.checklist.filter((item) => item.storyId === story.id)).toEqual([]);

    const project = await call(host, 'open', {});
    expect(project.stories[0]).toEqual(typed);
    expect(project.checklist.filter((item) => item.level === 'error')).toEqual([]);
  });

  it('a second story with the same title gets its own id and does not replace the first', async () => {
    const { host } = await openTestEditor(dirs);
    const first = await call(host, 'newStory', { title: 'Høstmarked' });
    const second = await call(host, 'newStory', { title: 'Høstmarked' });
    expect([first.story.id, second.story.id]).toEqual(['hoestmarked', 'hoestmarked-2']);
    const ids = (await call(host, 'open', {})).stories.map((s) => s.id);
    expect(ids.slice(0, 2)).toEqual(['hoestmarked-2', 'hoestmarked']);
  });

  it('the live preview is told after every change on disk, and not after a refused request', async () => {
    const { host } = await openTestEditor(dirs);
    let changes = 0;
    host.onProjectChanged(() => changes++);
    await call(host, 'newStory', { title: 'Høstmarked' });
    await call(host, 'saveStory', { story: finishedDraft('hoestmarked') });
    await host.handle('saveStory', { story: { ...finishedDraft('hoestmarked'), id: 'UGYLDIG' } });
    await call(host, 'checklist', {});
    await call(host, 'deleteStory', { id: 'hoestmarked' });
    expect(changes).toBe(3);
  });

  it('deleting a story that is already gone answers 409 with a Danish message', async () => {
    const { host } = await openTestEditor(dirs);
    expect(await host.handle('deleteStory', { id: 'findes-ikke' })).toEqual({
      status: 409,
      body: { error: 'no story "findes-ikke"', messageDa: 'Historien findes ikke (længere).' },
    });
  });
});

describe('dropping a picture, film or sound on the editor', () => {
  it('a picture is stored under a name the bundle accepts, with its size, ready for alt text and credit', async () => {
    const editor = await openTestEditor(dirs);
    const photo = await picture(2400, 1600, 'jpeg');
    const added = await editor.host.upload('media', 'Æble Høst.JPEG', photo);
    expect(added).toEqual({
      ok: true,
      medium: { type: 'image', file: 'media/aeble-hoest.jpg', width: 2400, height: 1600, alt: { da: '', en: '' }, caption: { da: '', en: '' }, credit: '' },
      notes: [],
    });
    expect(await readFile(join(editor.host.project.dir, 'media/aeble-hoest.jpg'))).toEqual(photo);
  });

  it('a small picture is taken, with a Danish note that it may look soft', async () => {
    const { host } = await openTestEditor(dirs);
    const added = await host.upload('media', 'lille.png', await picture(800, 600));
    expect(added.ok).toBe(true);
    expect(added.ok && added.notes.map((n) => n.messageDa)).toEqual([expect.stringMatching(/kun 800 pixels bredt.*uskarpt.*1920 pixels/)]);
  });

  const refusals: { what: string; name: string; bytes: () => Buffer; says: RegExp }[] = [
    { what: 'a file the kiosk cannot show', name: 'referat.docx', bytes: () => Buffer.from('PK\u0003\u0004 not media'), says: /„referat\.docx“ kan kiosken ikke vise\. Brug et billede/ },
    { what: 'a text file renamed to .jpg', name: 'foto.jpg', bytes: () => Buffer.from('Dette er ikke et billede.'), says: /„foto\.jpg“ kan ikke åbnes som billede/ },
    { what: 'a damaged picture', name: 'foto.png', bytes: () => randomBytes(4096), says: /„foto\.png“ kan ikke åbnes som billede/ },
    { what: 'a text file renamed to .mp4', name: 'film.mp4', bytes: () => Buffer.from('ikke en film, bare tekst i en fil'), says: /„film\.mp4“ er ikke en rigtig videofil/ },
  ];
  for (const { what, name, bytes, says } of refusals) {
    it(`${what} is refused in Danish and nothing is stored`, async () => {
      const editor = await openTestEditor(dirs);
      const before = await everything(editor);
      const answer = await editor.host.upload('media', name, bytes());
      expect(answer).toEqual({ ok: false, messageDa: expect.stringMatching(says) });
      expect(forStaff(answer.ok ? '' : answer.messageDa)).toBe(true);
      expect(await everything(editor)).toEqual(before);
    });
  }

  it('a picture over 40 MB is refused with its size, which is more than the limit it names', async () => {
    const editor = await openTestEditor(dirs);
    const before = await everything(editor);
    const answer = await editor.host.upload('media', 'stort-foto.jpg', Buffer.alloc(40 * MB + 1));
    if (answer.ok) throw new Error('expected a refusal');
    const [, size, limit] = /fylder (\d+) MB – højst (\d+) MB/.exec(answer.messageDa) ?? [];
    expect(Number(limit)).toBe(40);
    expect(Number(size), answer.messageDa).toBeGreaterThan(40);
    expect(await everything(editor)).toEqual(before);
  });
});

describe('importing a Word document', () => {
  /** What the Word importer gives for a document with two pictures and one it could not read. */
  async function harvestDocument(): Promise<ImportedDocument> {
    return {
      title: 'Høstmarked i Kirke Hyllinge',
      summary: 'Boder, musik og „årets æbler“.',
      bodyMarkdown: [
        '# Program',
        '',
        'Vi åbner kl. 10 – kom i god tid.',
        '',
        '![Boder med æbler](media/image1.jpeg)',
        '',
        '- **Æbler** fra egnen',
        '- *Most* og kage',
        '',
        '  ![](media/image2.png)  ',
        '',
        '> „Det bedste marked i år“',
        '',
        '![Ødelagt](media/image3.png)',
      ].join('\n'),
      images: [
        { fileName: 'image1.jpeg', bytes: await picture(2400, 1600, 'jpeg'), altText: 'Boder med æbler' },
        { fileName: 'image2.png', bytes: await picture(1920, 1080, 'png'), altText: null },
        { fileName: 'image3.png', bytes: randomBytes(2048), altText: 'Ødelagt' },
      ],
      notes: [{ messageDa: 'Tabellen på side 2 blev ikke overført.' }],
    };
  }

  function importerOf(document: ImportedDocument, received: Buffer[] = []): DocxImporter {
    return (bytes) => {
      received.push(bytes);
      return Promise.resolve({ ok: true, document });
    };
  }

  it('becomes a new story whose pictures are in the project\'s media folder and gallery, and whose text has no picture lines', async () => {
    const document = await harvestDocument();
    const received: Buffer[] = [];
    const editor = await openTestEditor(dirs, { importDocx: importerOf(document, received) });
    const upload = Buffer.from('the .docx bytes');
    const answer = await editor.host.upload('docx', 'Høstmarked.docx', upload);
    if (!answer.ok) throw new Error(answer.messageDa);
    expect(received).toEqual([upload]);

    const { story, notes } = answer;
    expect(story).toMatchObject({ id: 'hoestmarked-i-kirke-hyllinge', title: { da: 'Høstmarked i Kirke Hyllinge' }, summary: { da: 'Boder, musik og „årets æbler“.' } });
    // The two readable pictures are in the gallery, with the document's alt text, stored in the project.
    expect(story.media.map((m) => ({ file: m.file, alt: m.alt.da }))).toEqual([
      { file: 'media/image1.jpg', alt: 'Boder med æbler' },
      { file: 'media/image2.png', alt: '' },
    ]);
    for (const [index, medium] of story.media.entries()) {
      expect(await readFile(join(editor.host.project.dir, medium.file))).toEqual(Buffer.from(document.images[index]?.bytes ?? []));
    }
    expect(story.body.da).not.toMatch(/!\[/);
    expect(story.body.da).toContain('# Program');
    expect(story.body.da).toContain('- **Æbler** fra egnen');
    expect(story.body.da).toContain('> „Det bedste marked i år“');
    expect(story.body.da).not.toMatch(/\n{3,}/);

    const messages = notes.map((n) => n.messageDa);
    expect(messages).toContain('Tabellen på side 2 blev ikke overført.');
    expect(messages).toContainEqual(expect.stringMatching(/„image3\.png“ kan ikke åbnes som billede/));
    expect(messages).toContainEqual(expect.stringMatching(/Skriv hvem der har taget dem \(kreditering\)/));

    const opened = (await editor.host.project.stories())[0];
    expect(opened).toEqual({ ...story, body: { da: `${story.body.da}\n`, en: '' } });
  });

  it('a second document with the same picture names does not replace the first one\'s pictures', async () => {
    const document = await harvestDocument();
    const editor = await openTestEditor(dirs, { importDocx: importerOf(document) });
    const first = await editor.host.upload('docx', 'Høstmarked.docx', Buffer.from('1'));
    const firstPicture = await readFile(join(editor.host.project.dir, 'media/image1.jpg'));
    document.images[0] = { fileName: 'image1.jpeg', bytes: await picture(3000, 2000, 'jpeg'), altText: 'Andre boder' };
    const second = await editor.host.upload('docx', 'Høstmarked.docx', Buffer.from('2'));
    if (!first.ok || !second.ok) throw new Error('expected both imports to work');
    expect(second.story.id).toBe('hoestmarked-i-kirke-hyllinge-2');
    expect(second.story.media[0]?.file).toBe('media/image1-2.jpg');
    expect(first.story.media[0]?.file).toBe('media/image1.jpg');
    expect(await readFile(join(editor.host.project.dir, 'media/image1.jpg'))).toEqual(firstPicture);
  });

  it('a document the importer cannot read gives its Danish message, and nothing changes', async () => {
    const editor = await openTestEditor(dirs, {
      importDocx: () => Promise.resolve({ ok: false, messageDa: 'Filen er ikke et Word-dokument (.docx).' }),
    });
    const before = await everything(editor);
    expect(await editor.host.upload('docx', 'noter.docx', Buffer.from('x'))).toEqual({ ok: false, messageDa: 'Filen er ikke et Word-dokument (.docx).' });
    expect(await everything(editor)).toEqual(before);
  });
});

describe("core tasks' and the kiosk's own texts", () => {
  it('rewords a core task and the start screen without touching colour, icon, source or quote, and the kiosk still loads it', async () => {
    const editor = await openTestEditor(dirs);
    const before = JSON.parse(await readFile(join(editor.host.project.dir, 'core-tasks.json'), 'utf8')) as Record<string, unknown>[];
    const opened = (await editor.host.handle('open', {})).body as EditorResponse<'open'>;
    const task = opened.coreTaskTexts.find((t) => t.id === 'baeredygtig-vaekst');
    if (!task || !opened.kioskTexts) throw new Error('expected the built-in texts');

    await editor.host.handle('saveCoreTask', { task: { ...task, intro: { da: 'Vækst, der kan holde – også for de næste.', en: '' } } });
    await editor.host.handle('saveKioskTexts', { texts: { ...opened.kioskTexts, attractTitle: { da: 'Vores Sted', en: 'Our Place' } } });

    const after = JSON.parse(await readFile(join(editor.host.project.dir, 'core-tasks.json'), 'utf8')) as Record<string, unknown>[];
    const was = before.find((t) => t['id'] === 'baeredygtig-vaekst');
    const now = after.find((t) => t['id'] === 'baeredygtig-vaekst');
    expect(now?.['intro']).toEqual({ da: 'Vækst, der kan holde – også for de næste.' });
    for (const kept of ['colour', 'icon', 'source', 'quote', 'publicUrl', 'title', 'body']) expect(now?.[kept], kept).toEqual(was?.[kept]);
    const reopened = (await editor.host.handle('open', {})).body as EditorResponse<'open'>;
    expect(reopened.kioskTexts?.attractTitle).toEqual({ da: 'Vores Sted', en: 'Our Place' });
    expect(reopened.checklist.filter((item) => item.level === 'error')).toEqual([]);
  });

  it('an emptied Danish title of a core task is an error in the checklist', async () => {
    const editor = await openTestEditor(dirs);
    const opened = (await editor.host.handle('open', {})).body as EditorResponse<'open'>;
    const task = opened.coreTaskTexts[0];
    if (!task) throw new Error('no core tasks');
    const saved = (await editor.host.handle('saveCoreTask', { task: { ...task, title: { da: '', en: task.title.en } } })).body as EditorResponse<'saveCoreTask'>;
    const errors = saved.checklist.filter((item) => item.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.messageDa).toContain('core-tasks.json');
  });
});
