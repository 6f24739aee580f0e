import { describe, expect, it } from 'vitest';
import type { StoryDraft } from '../../../contract/editor-api';
import { storyKey, UnsavedJournal } from '../../../renderer/editor/lib/unsaved-journal';
import { finishedDraft } from '../editor/support/editor-project';
import { MemoryStorage } from './support/memory-storage';

// The editor's journal of changes not yet confirmed saved: what a page that died without saving leaves for
// the next time the editor opens.

function titled(id: string, title: string): StoryDraft {
  const story = finishedDraft(id);
  return { ...story, title: { ...story.title, da: title } };
}

describe('the journal of unsaved changes', () => {
  it('keeps a change until its save is confirmed, then forgets it', () => {
    const journal = new UnsavedJournal(new MemoryStorage(), () => '/staff/projekt');
    const stamp = journal.write({ kind: 'story', story: titled('a', 'Skrevet') });
    expect(journal.unconfirmed()).toEqual([{ kind: 'story', story: titled('a', 'Skrevet') }]);
    journal.crossOff('story:a', stamp);
    expect(journal.unconfirmed()).toEqual([]);
  });

  it('keeps the newer words when an older save is confirmed after them', () => {
    const journal = new UnsavedJournal(new MemoryStorage(), () => '/staff/projekt');
    const older = journal.write({ kind: 'story', story: titled('a', 'Første') });
    journal.write({ kind: 'story', story: titled('a', 'Anden') });
    journal.crossOff('story:a', older);
    expect(journal.unconfirmed()).toEqual([{ kind: 'story', story: titled('a', 'Anden') }]);
  });

  it('gives back the changes of its own project only, oldest first', () => {
    const storage = new MemoryStorage();
    let project = '/staff/projekt';
    const journal = new UnsavedJournal(storage, () => project);
    journal.write({ kind: 'story', story: titled('b', 'Først skrevet') });
    journal.write({ kind: 'story', story: titled('a', 'Sidst skrevet') });
    project = '/staff/andet-projekt';
    expect(journal.unconfirmed()).toEqual([]);
    project = '/staff/projekt';
    expect(journal.unconfirmed().map((change) => (change.kind === 'story' ? change.story.title.da : change.kind))).toEqual(['Først skrevet', 'Sidst skrevet']);
  });

  it('ignores what it cannot read, and a full storage does not stop the editing', () => {
    const storage = new MemoryStorage();
    const journal = new UnsavedJournal(storage, () => 'p');
    storage.setItem('vores-sted-editor:unsaved:p:story:x', '{not json');
    expect(journal.unconfirmed()).toEqual([]);
    storage.full = true;
    expect(() => journal.write({ kind: 'story', story: titled('a', 'Skrevet') })).not.toThrow();
  });

  it('puts nothing back of a story that was deleted', () => {
    const journal = new UnsavedJournal(new MemoryStorage(), () => 'p');
    journal.write({ kind: 'story', story: titled('a', 'Skrevet') });
    journal.write({ kind: 'story', story: titled('b', 'Bliver') });
    journal.forget(storyKey('a'));
    expect(journal.unconfirmed().map((change) => (change.kind === 'story' ? change.story.id : change.kind))).toEqual(['b']);
  });

  it('keeps nothing where the page has no storage', () => {
    const journal = new UnsavedJournal(null, () => 'p');
    journal.write({ kind: 'story', story: titled('a', 'Skrevet') });
    expect(journal.unconfirmed()).toEqual([]);
  });
});
