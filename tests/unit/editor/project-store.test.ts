import { readFile, readdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProjectError, ProjectStore } from '../../../electron/core/editor/project-store.js';
import { snapshotTree } from '../bundle/helpers.js';
import { picture } from '../content/support.js';
import { builtInContent, readJsonFile, tempDirs } from '../host/support.js';
import { finishedDraft, newProject } from './support/editor-project.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

type Raw = Record<string, unknown>;

const storiesOnDisk = (store: ProjectStore): Promise<Raw[]> => readJsonFile<Raw[]>(join(store.dir, 'stories.json'));

/** Every file or folder under `dir` whose name says it is a half-written temp file. */
async function leftoverTempFiles(dir: string): Promise<string[]> {
  const names = await readdir(dir, { recursive: true });
  return names.filter((name) => /\.(tmp|partial|making)$/.test(name));
}

describe('a new project', () => {
  it('starts as an exact copy of the content folder, with its stories in the same order', async () => {
    const store = await newProject(dirs);
    expect(await snapshotTree(store.dir)).toEqual(await snapshotTree(builtInContent));
    const builtIn = await readJsonFile<Raw[]>(join(builtInContent, 'stories.json'));
    expect((await store.stories()).map((s) => s.id)).toEqual(builtIn.map((s) => s['id']));
    expect(await readdir(dirname(store.dir))).toEqual(['projekt']);
  });

  it('is not copied again on the next launch: the staff member\'s edits are still there', async () => {
    const store = await newProject(dirs);
    await store.saveStory(finishedDraft('hoestmarked'));
    const reopened = await ProjectStore.open(store.dir, builtInContent);
    expect((await reopened.stories())[0]?.id).toBe('hoestmarked');
  });
});

describe('saving a story', () => {
  it('writes stories.json and both body files, leaves no temp file, and reads back as saved', async () => {
    const store = await newProject(dirs);
    const draft = finishedDraft('hoestmarked', { body: { da: 'Æbler og „most“.', en: 'Apples and “cider”.' } });
    await store.saveStory(draft);
    expect(await readFile(join(store.dir, 'stories/hoestmarked.da.md'), 'utf8')).toBe('Æbler og „most“.\n');
    expect(await readFile(join(store.dir, 'stories/hoestmarked.en.md'), 'utf8')).toBe('Apples and “cider”.\n');
    expect((await storiesOnDisk(store)).filter((s) => s['id'] === 'hoestmarked')).toHaveLength(1);
    expect(await leftoverTempFiles(store.dir)).toEqual([]);
    const saved = (await store.stories()).find((s) => s.id === 'hoestmarked');
    expect(saved).toEqual({ ...draft, body: { da: 'Æbler og „most“.\n', en: 'Apples and “cider”.\n' } });
  });

  it('puts a new story first, where staff look, and keeps an edited one in its place', async () => {
    const store = await newProject(dirs);
    const before = (await store.stories()).map((s) => s.id);
    await store.saveStory(finishedDraft('hoestmarked'));
    expect((await store.stories()).map((s) => s.id)).toEqual(['hoestmarked', ...before]);

    const third = (await store.stories())[3];
    if (!third) throw new Error('expected built-in stories');
    await store.saveStory({ ...third, title: { ...third.title, da: 'Ny titel' } });
    const after = await store.stories();
    expect(after.map((s) => s.id)).toEqual(['hoestmarked', ...before]);
    expect(after[3]?.title.da).toBe('Ny titel');
  });

  it('removes the English body file when the English text is emptied (the kiosk then shows Danish)', async () => {
    const store = await newProject(dirs);
    await store.saveStory(finishedDraft('hoestmarked'));
    await store.saveStory(finishedDraft('hoestmarked', { body: { da: 'Kun dansk.', en: '  ' } }));
    expect(await readdir(join(store.dir, 'stories'))).not.toContain('hoestmarked.en.md');
    expect((await store.stories())[0]?.body).toEqual({ da: 'Kun dansk.\n', en: '' });
  });

  it('ten autosaves at once end with the last one on disk, once, in valid JSON', async () => {
    const store = await newProject(dirs);
    const count = (await store.stories()).length;
    const saves = Array.from({ length: 10 }, (_, n) =>
      store.saveStory(finishedDraft('hoestmarked', { title: { da: `Høstmarked ${n + 1}`, en: '' }, body: { da: `Udgave ${n + 1}`, en: '' } })),
    );
    await Promise.all(saves);
    const raws = await storiesOnDisk(store);
    expect(raws).toHaveLength(count + 1);
    expect(raws.filter((s) => s['id'] === 'hoestmarked')).toEqual([expect.objectContaining({ title: { da: 'Høstmarked 10' } })]);
    expect(await readFile(join(store.dir, 'stories/hoestmarked.da.md'), 'utf8')).toBe('Udgave 10\n');
    expect(await leftoverTempFiles(store.dir)).toEqual([]);
  });
});

describe('deleting a story', () => {
  it('removes its entry and its body files, and nothing else', async () => {
    const store = await newProject(dirs);
    await store.saveStory(finishedDraft('hoestmarked'));
    const others = (await store.stories()).slice(1);
    await store.deleteStory('hoestmarked');
    expect(await store.stories()).toEqual(others);
    const bodies = await readdir(join(store.dir, 'stories'));
    expect(bodies.filter((name) => name.startsWith('hoestmarked.'))).toEqual([]);
    expect(bodies.length).toBeGreaterThan(0);
  });

  it('a story that is already gone gives a Danish message and changes nothing', async () => {
    const store = await newProject(dirs);
    const before = await snapshotTree(store.dir);
    const failure = await store.deleteStory('findes-ikke').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(ProjectError);
    expect((failure as ProjectError).messageDa).toBe('Historien findes ikke (længere).');
    expect(await snapshotTree(store.dir)).toEqual(before);
  });
});

describe('media files', () => {
  it('never overwrites: a second and third file of the same name are numbered', async () => {
    const store = await newProject(dirs);
    const first = await picture(40, 30, 'jpeg');
    const second = await picture(50, 30, 'jpeg');
    expect(await store.addMediaFile('marked.jpg', first)).toBe('media/marked.jpg');
    expect(await store.addMediaFile('marked.jpg', second)).toBe('media/marked-2.jpg');
    expect(await store.addMediaFile('marked.jpg', second)).toBe('media/marked-3.jpg');
    expect(await readFile(join(store.dir, 'media/marked.jpg'))).toEqual(first);
    expect(await readFile(join(store.dir, 'media/marked-2.jpg'))).toEqual(second);
  });

  it('does not overwrite the built-in pictures either, also when files are dropped at the same moment', async () => {
    const store = await newProject(dirs);
    const builtIn = await readFile(join(builtInContent, 'media/historie-og-baggrund-1.webp'));
    const dropped = await picture(40, 30, 'webp');
    const names = await Promise.all([1, 2, 3].map(() => store.addMediaFile('historie-og-baggrund-1.webp', dropped)));
    expect(new Set(names).size).toBe(3);
    expect(names).not.toContain('media/historie-og-baggrund-1.webp');
    expect(await readFile(join(store.dir, 'media/historie-og-baggrund-1.webp'))).toEqual(builtIn);
  });
});

describe('a damaged project', () => {
  it('a stories.json that is not JSON opens as an empty list instead of crashing the editor', async () => {
    const store = await newProject(dirs);
    await writeFile(join(store.dir, 'stories.json'), '[{"id": "hoestmarked", "title": {"da": "Høst');
    expect(await store.stories()).toEqual([]);
    await store.saveStory(finishedDraft('hoestmarked'));
    expect((await store.stories()).map((s) => s.id)).toEqual(['hoestmarked']);
  });

  it('entries that are not stories are skipped; the rest still open', async () => {
    const store = await newProject(dirs);
    const raws = await storiesOnDisk(store);
    await writeFile(join(store.dir, 'stories.json'), JSON.stringify([null, 'tekst', { title: 'uden id' }, ...raws]));
    expect((await store.stories()).map((s) => s.id)).toEqual(raws.map((s) => s['id']));
  });
});

describe('the manifest stamp before a build', () => {
  it('sets the version and creation time and keeps everything else', async () => {
    const store = await newProject(dirs);
    const before = await readJsonFile<Raw>(join(store.dir, 'manifest.json'));
    await store.stampManifest(202611231000, new Date('2026-11-23T09:00:00.000Z'));
    expect(await readJsonFile(join(store.dir, 'manifest.json'))).toEqual({ ...before, version: 202611231000, created: '2026-11-23T09:00:00.000Z' });
  });
});
