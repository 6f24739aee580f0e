import type { DraftCoreTask, DraftKioskTexts, StoryDraft } from '../../../contract/editor-api';

// "Nothing is lost, ever", also when the page dies before it can save. A browser closed within the
// autosave's pause may never run the page's `pagehide` (a busy or slow PC closes the page without it), so
// every change is also written to the page's own storage the moment it is made, and crossed off when the
// editor host has confirmed its save. The next time the editor opens the same project, whatever is still
// written there was never confirmed: it is put back and saved. Saving the same thing twice does no harm.

/** One thing staff changed, whole: what the autosave sends. */
export type UnsavedChange = { kind: 'story'; story: StoryDraft } | { kind: 'task'; task: DraftCoreTask } | { kind: 'texts'; texts: DraftKioskTexts };

/** The part of the Web Storage API the journal uses (localStorage in the page; a Map in tests). */
export type JournalStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem' | 'key' | 'length'>;

interface Entry {
  stamp: string;
  change: UnsavedChange;
}

const PREFIX = 'vores-sted-editor:unsaved:';

export const storyKey = (id: string): string => `story:${id}`;

/** The one key a change is saved under: a story, a core task, or the kiosk texts. */
export function changeKey(change: UnsavedChange): string {
  switch (change.kind) {
    case 'story':
      return storyKey(change.story.id);
    case 'task':
      return `task:${change.task.id}`;
    case 'texts':
      return 'texts';
  }
}

/** The page's localStorage, or null where there is none (or it is refused): the journal then keeps nothing. */
export function pageStorage(): JournalStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

export class UnsavedJournal {
  #counter = 0;

  /** `project`: the project folder, so a change is only ever put back into the project it was made in. */
  constructor(
    private readonly storage: JournalStorage | null,
    private readonly project: () => string,
  ) {}

  /** Writes the change down; returns its stamp, to cross off exactly this version once it is saved. */
  write(change: UnsavedChange): string {
    const stamp = `${Date.now()}-${++this.#counter}`;
    try {
      this.storage?.setItem(this.#key(changeKey(change)), JSON.stringify({ stamp, change } satisfies Entry));
    } catch {
      // Storage full or refused: the autosave and the save on the way out still run, as before the journal.
    }
    return stamp;
  }

  /** The host confirmed the save of `stamp`; a newer change to the same thing stays written down. */
  crossOff(key: string, stamp: string): void {
    const entry = this.#read(this.#key(key));
    if (entry?.stamp === stamp) this.storage?.removeItem(this.#key(key));
  }

  /** The thing is gone (a deleted story): nothing of it is put back, whatever was written down. */
  forget(key: string): void {
    this.storage?.removeItem(this.#key(key));
  }

  /** Everything of this project whose save was never confirmed, oldest first. */
  unconfirmed(): UnsavedChange[] {
    if (!this.storage) return [];
    const prefix = this.#key('');
    const entries: Entry[] = [];
    for (let i = 0; i < this.storage.length; i++) {
      const key = this.storage.key(i);
      if (key?.startsWith(prefix)) {
        const entry = this.#read(key);
        if (entry) entries.push(entry);
      }
    }
    return entries.sort((a, b) => compareStamps(a.stamp, b.stamp)).map((entry) => entry.change);
  }

  #key(key: string): string {
    return `${PREFIX}${this.project()}:${key}`;
  }

  #read(storageKey: string): Entry | null {
    try {
      const raw = this.storage?.getItem(storageKey);
      if (!raw) return null;
      const entry = JSON.parse(raw) as Partial<Entry>;
      return typeof entry.stamp === 'string' && entry.change && typeof entry.change === 'object' ? (entry as Entry) : null;
    } catch {
      return null;
    }
  }
}

function compareStamps(a: string, b: string): number {
  const [timeA = 0, nA = 0] = a.split('-').map(Number);
  const [timeB = 0, nB = 0] = b.split('-').map(Number);
  return timeA - timeB || nA - nB;
}
