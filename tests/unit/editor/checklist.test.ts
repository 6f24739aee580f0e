import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChecklistItem, StoryDraft } from '../../../contract/editor-api.js';
import { buildChecklist } from '../../../electron/core/editor/checklist.js';
import type { ProjectStore } from '../../../electron/core/editor/project-store.js';
import { readJsonFile, tempDirs } from '../host/support.js';
import { TODAY, finishedDraft, forStaff, newProject } from './support/editor-project.js';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

/** The checklist as the editor shows it after the staff member's last autosave. */
async function checklistOf(store: ProjectStore): Promise<ChecklistItem[]> {
  return buildChecklist(store.dir, await store.stories(), TODAY);
}

const errorsIn = (items: ChecklistItem[]): ChecklistItem[] => items.filter((item) => item.level === 'error');

/** The form field a checklist link jumps to, looked up in the draft ("media.0.alt.da"). */
function fieldValue(draft: StoryDraft, field: string): unknown {
  return field.split('.').reduce<unknown>((value, key) => (value as Record<string, unknown> | undefined)?.[key], draft);
}

/** The first built-in story, which has pictures, changed as a staff member would in the form. */
async function editFirstStory(store: ProjectStore, change: (draft: StoryDraft) => StoryDraft): Promise<StoryDraft> {
  const [first] = await store.stories();
  if (!first || first.media.length === 0) throw new Error('expected a built-in story with pictures');
  const edited = change(structuredClone(first));
  await store.saveStory(edited);
  return edited;
}

describe('the checklist before "Gem til USB"', () => {
  it('the untouched built-in content has nothing to fix', async () => {
    const store = await newProject(dirs);
    expect(errorsIn(await checklistOf(store))).toEqual([]);
  });

  const mistakes: { what: string; field: string; change: (draft: StoryDraft) => StoryDraft }[] = [
    { what: 'an empty Danish title', field: 'title.da', change: (d) => ({ ...d, title: { da: '  ', en: d.title.en } }) },
    { what: 'no core task', field: 'coreTasks', change: (d) => ({ ...d, coreTasks: [] }) },
    { what: 'a picture without Danish alt text', field: 'media.0.alt.da', change: (d) => ({ ...d, media: d.media.map((m, i) => (i === 0 ? { ...m, alt: { da: '', en: m.alt.en } } : m)) }) },
    { what: 'a picture without credit', field: 'media.0.credit', change: (d) => ({ ...d, media: d.media.map((m, i) => (i === 0 ? { ...m, credit: '' } : m)) }) },
  ];

  for (const { what, field, change } of mistakes) {
    it(`${what} is one Danish error that links to ${field}`, async () => {
      const store = await newProject(dirs);
      const edited = await editFirstStory(store, change);
      const errors = errorsIn(await checklistOf(store));
      expect(errors).toHaveLength(1);
      expect(errors[0]).toMatchObject({ storyId: edited.id, field });
      expect(forStaff(errors[0]?.messageDa ?? ''), errors[0]?.messageDa).toBe(true);
      expect(fieldValue(edited, field), 'the link must lead to a field of the form').not.toBeUndefined();
    });
  }

  it('missing English gives warnings only, one per field, in Danish', async () => {
    const store = await newProject(dirs);
    const edited = await editFirstStory(store, (d) => ({
      ...d,
      title: { ...d.title, en: '' },
      summary: { ...d.summary, en: '' },
      body: { ...d.body, en: '' },
      media: d.media.map((m, i) => (i === 0 ? { ...m, alt: { ...m.alt, en: '' } } : m)),
    }));
    const items = await checklistOf(store);
    expect(errorsIn(items)).toEqual([]);
    const mine = items.filter((item) => item.storyId === edited.id);
    expect(mine.map((item) => item.field).sort()).toEqual(['body.en', 'media.0.alt.en', 'summary.en', 'title.en']);
    for (const item of mine) {
      expect(item.level).toBe('warning');
      expect(forStaff(item.messageDa), item.messageDa).toBe(true);
    }
  });

  it('a body showing a picture that is not in the project is an error that links to that story\'s Danish text', async () => {
    const store = await newProject(dirs);
    const edited = await editFirstStory(store, (d) => ({ ...d, body: { ...d.body, da: `${d.body.da}\n![Kort over Osted](media/kort-over-osted.webp)\n` } }));
    const errors = errorsIn(await checklistOf(store));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ storyId: edited.id, field: 'body.da' });
    expect(errors[0]?.messageDa).toContain('media/kort-over-osted.webp');
  });

  it('a gallery picture whose file is gone is an error that links to that picture', async () => {
    const store = await newProject(dirs);
    const story = finishedDraft('hoestmarked', {
      media: [{ type: 'image', file: 'media/hoestmarked.jpg', width: 2400, height: 1600, alt: { da: 'Boder', en: 'Stalls' }, caption: { da: '', en: '' }, credit: 'Foto: Lejre Kommune' }],
    });
    await store.saveStory(story);
    const errors = errorsIn(await checklistOf(store));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ storyId: 'hoestmarked', field: 'media.0' });
  });

  it('two stories with the same id are an error that names the id', async () => {
    const store = await newProject(dirs);
    const raws = await readJsonFile<unknown[]>(join(store.dir, 'stories.json'));
    await writeFile(join(store.dir, 'stories.json'), JSON.stringify([...raws, raws[0]]));
    const [first] = await store.stories();
    const errors = errorsIn(await checklistOf(store));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ storyId: first?.id });
    expect(errors[0]?.messageDa).toContain(`samme id „${first?.id}“`);
  });
});
