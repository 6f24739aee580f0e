import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import { STORY_ID, StoryEntry } from '../../../contract/content.js';
import { StoryDraft, type DraftText } from '../../../contract/editor-api.js';
import { bodyFileName } from '../../../electron/core/content/load-stories.js';
import { draftToEntry, entryToDraft, storyIdFor } from '../../../electron/core/editor/story-drafts.js';
import { builtInContent, readJsonFile } from '../host/support.js';
import { finishedDraft } from './support/editor-project.js';

type Raw = Record<string, unknown>;

async function builtInStories(): Promise<{ raw: Raw; body: DraftText }[]> {
  const raws = await readJsonFile<Raw[]>(join(builtInContent, 'stories.json'));
  const read = (id: string, lang: 'da' | 'en'): Promise<string> => readFile(join(builtInContent, bodyFileName(id, lang)), 'utf8').catch(() => '');
  return Promise.all(raws.map(async (raw) => ({ raw, body: { da: await read(String(raw['id']), 'da'), en: await read(String(raw['id']), 'en') } })));
}

function draftOf(raw: unknown, body: DraftText = { da: '', en: '' }): StoryDraft {
  const draft = entryToDraft(raw, body);
  if (!draft) throw new Error('expected a draft');
  return draft;
}

/** What the kiosk's image preparation writes for itself at every build; not something staff edit. */
function withoutVariants(entry: Raw): Raw {
  const media = Array.isArray(entry['media']) ? (entry['media'] as Raw[]) : [];
  return { ...entry, media: media.map(({ variants: _variants, ...medium }) => medium) };
}

describe('a built-in story in the editor', () => {
  it('every built-in story opens as a well-formed draft with its texts, pictures, sources and bodies', async () => {
    const stories = await builtInStories();
    expect(stories.length).toBeGreaterThan(5);
    for (const { raw, body } of stories) {
      const draft = draftOf(raw, body);
      expect(v.safeParse(StoryDraft, draft).success, String(raw['id'])).toBe(true);
      expect(draft.title.da).toBe((raw['title'] as DraftText).da);
      expect(draft.media).toHaveLength((raw['media'] as unknown[]).length);
      expect(draft.sources).toHaveLength((raw['sources'] as unknown[]).length);
      expect(draft.body.da.length, String(raw['id'])).toBeGreaterThan(20);
    }
  });

  it('draft → entry → draft loses nothing, for every built-in story', async () => {
    for (const { raw, body } of await builtInStories()) {
      const draft = draftOf(raw, body);
      const entry = draftToEntry(draft, raw);
      expect(draftOf(entry, body), String(raw['id'])).toEqual(draft);
      expect(v.safeParse(StoryEntry, entry).success, String(raw['id'])).toBe(true);
    }
  });

  it('saving an untouched built-in story writes back the same entry (apart from the prepared picture sizes)', async () => {
    for (const { raw, body } of await builtInStories()) {
      expect(withoutVariants(draftToEntry(draftOf(raw, body), raw)), String(raw['id'])).toEqual(withoutVariants(raw));
    }
  });
});

describe('what is on disk but not in the form', () => {
  it('fields the editor does not know (added to the content model later) survive an edit', () => {
    const onDisk = { ...draftToEntry(finishedDraft('hoestmarked'), undefined), pinned: true, audience: { age: [6, 12] } };
    const edited = { ...draftOf(onDisk), title: { da: 'Høstmarked 2027', en: '' } };
    const saved = draftToEntry(edited, onDisk);
    expect(saved['pinned']).toBe(true);
    expect(saved['audience']).toEqual({ age: [6, 12] });
    expect(saved['title']).toEqual({ da: 'Høstmarked 2027' });
  });

  it('"Fremhæv" (highlight on the attract screen) survives an edit, and unticking it removes it', () => {
    const onDisk = { ...draftToEntry(finishedDraft('hoestmarked'), undefined), highlight: true };
    const draft = draftOf(onDisk);
    expect(draft.highlight).toBe(true);
    expect(draftToEntry({ ...draft, title: { da: 'Ny titel', en: '' } }, onDisk)['highlight']).toBe(true);
    expect(draftToEntry({ ...draft, highlight: false }, onDisk)).not.toHaveProperty('highlight');
  });

  it('an optional field staff emptied is gone from the entry, not left with its old value', () => {
    const onDisk = draftToEntry(finishedDraft('hoestmarked', { validFrom: '2027-01-01', validTo: '2027-02-01', publicUrl: 'https://www.lejre.dk/' }), undefined);
    const cleared = draftToEntry({ ...draftOf(onDisk), validFrom: '', validTo: '', publicUrl: ' ' }, onDisk);
    expect(cleared).not.toHaveProperty('validFrom');
    expect(cleared).not.toHaveProperty('validTo');
    expect(cleared).not.toHaveProperty('publicUrl');
  });
});

describe('empty English is left out', () => {
  it('titles, summaries, captions and alt texts without English have only Danish, so the kiosk falls back to it', () => {
    const draft = finishedDraft('hoestmarked', {
      title: { da: 'Høstmarked', en: '' },
      summary: { da: 'Kort.', en: '   ' },
      easySummary: { da: '', en: '' },
      media: [{ type: 'image', file: 'media/marked.jpg', width: 2400, height: 1600, alt: { da: 'Boder med æbler', en: '' }, caption: { da: '', en: '' }, credit: 'Foto: Lejre Kommune' }],
    });
    const entry = draftToEntry(draft, undefined);
    expect(entry['title']).toEqual({ da: 'Høstmarked' });
    expect(entry['summary']).toEqual({ da: 'Kort.' });
    expect(entry).not.toHaveProperty('easySummary');
    const [image] = entry['media'] as Raw[];
    expect(image).toEqual({ type: 'image', file: 'media/marked.jpg', width: 2400, height: 1600, alt: { da: 'Boder med æbler' }, credit: 'Foto: Lejre Kommune' });
    expect(v.safeParse(StoryEntry, entry).success).toBe(true);
  });
});

describe('sound: the transcript is typed in the alt-text box', () => {
  it('an audio entry\'s transcript opens as the alt text and is saved back as the transcript', () => {
    const onDisk = {
      ...draftToEntry(finishedDraft('fortaelling'), undefined),
      media: [{ type: 'audio', file: 'media/fortaelling.mp3', transcript: { da: 'Der var engang …', en: 'Once upon a time …' }, credit: 'Lyd: Lejre Museum' }],
    };
    const draft = draftOf(onDisk);
    expect(draft.media[0]?.alt).toEqual({ da: 'Der var engang …', en: 'Once upon a time …' });
    const [audio] = draftToEntry(draft, onDisk)['media'] as Raw[];
    expect(audio).toEqual({ type: 'audio', file: 'media/fortaelling.mp3', transcript: { da: 'Der var engang …', en: 'Once upon a time …' }, credit: 'Lyd: Lejre Museum' });
    expect(audio).not.toHaveProperty('alt');
  });
});

describe('storyIdFor: the id of a new story, made from its title', () => {
  const none = new Set<string>();

  it('spells out æ, ø and å and drops accents', () => {
    expect(storyIdFor('Æbler på Ærø', none)).toBe('aebler-paa-aeroe');
    expect(storyIdFor('Sø og å i Øm', none)).toBe('soe-og-aa-i-oem');
    expect(storyIdFor('Café Über', none)).toBe('cafe-uber');
  });

  it('turns punctuation and spaces into single dashes, none at either end', () => {
    expect(storyIdFor('  „Hvad så?!“ – Sommer 2027…  ', none)).toBe('hvad-saa-sommer-2027');
    expect(storyIdFor('A/B & C', none)).toBe('a-b-c');
  });

  it('gives a title without letters or digits an id all the same', () => {
    expect(storyIdFor('', none)).toBe('historie');
    expect(storyIdFor('!?… – ', none)).toBe('historie');
  });

  it('never reuses a taken id: a second and third story of the same title get -2 and -3', () => {
    expect(storyIdFor('Høstmarked', new Set(['hoestmarked']))).toBe('hoestmarked-2');
    expect(storyIdFor('Høstmarked', new Set(['hoestmarked', 'hoestmarked-2']))).toBe('hoestmarked-3');
    expect(storyIdFor('', new Set(['historie']))).toBe('historie-2');
  });

  it('always gives an id the content schema accepts, also for very long titles that clash', () => {
    const long = `${'Fællesspisning i forsamlingshuset '.repeat(5)}!`;
    const taken = new Set<string>();
    for (let n = 0; n < 12; n++) {
      const id = storyIdFor(long, taken);
      expect(id).toMatch(STORY_ID);
      expect(taken.has(id)).toBe(false);
      taken.add(id);
    }
  });
});
