import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EditorProject, StoryDraft } from '../../../contract/editor-api';
import type { EditorClient } from '../../../renderer/editor/lib/editor-client';
import { EditorState } from '../../../renderer/editor/lib/editor-state.svelte';
import { finishedDraft } from '../editor/support/editor-project';
import { MemoryStorage } from './support/memory-storage';

// "Nothing is lost, ever": staff who type, pause (the autosave starts) and close the browser while that save
// is on its way must find their words again. A save sent without keepalive dies with the page, so the save
// on the way out has to send it again, with keepalive.

const story = finishedDraft('eksempel');

interface SentSave {
  title: string;
  keepalive: boolean;
}

/** A host whose ordinary saves hang (the page closes before they are answered) unless `answered`; keepalive saves arrive. */
function fakeClient(answered: boolean): { client: EditorClient; sent: SentSave[] } {
  const sent: SentSave[] = [];
  const project = { stories: [story], checklist: [], coreTaskTexts: [], kioskTexts: null } as unknown as EditorProject;
  const call = (method: string, request: { story?: StoryDraft }, keepalive = false): Promise<unknown> => {
    switch (method) {
      case 'open':
        return Promise.resolve(project);
      case 'settings':
        return Promise.resolve({ keyPath: '', keyOk: false, messageDa: '' });
      case 'saveStory':
        sent.push({ title: request.story?.title.da ?? '', keepalive });
        return keepalive || answered ? Promise.resolve({ ok: true, checklist: [] }) : new Promise(() => undefined);
      default:
        return Promise.reject(new Error(`unexpected ${method}`));
    }
  };
  return { client: { call } as unknown as EditorClient, sent };
}

/** The editor page with its project loaded, the first story open; `storage`: the page's localStorage. */
async function openEditor(storage: MemoryStorage | null = null, answered = false): Promise<{ editor: EditorState; sent: SentSave[] }> {
  const { client, sent } = fakeClient(answered);
  const editor = new EditorState(client, undefined, storage);
  await editor.load();
  return { editor, sent };
}

describe('the staff editor saves on the way out', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.stubGlobal('window', globalThis);
  });
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('sends a save cut off by closing the page again, with keepalive', async () => {
    const { editor, sent } = await openEditor();
    editor.edit('title.da', (draft) => (draft.title.da = 'Skrevet lige før lukning'));
    // The autosave's pause passes: the ordinary save goes out and is still on its way…
    await vi.advanceTimersByTimeAsync(1_000);
    expect(sent).toEqual([{ title: 'Skrevet lige før lukning', keepalive: false }]);
    // …when staff close the browser.
    await editor.flush(true);
    expect(sent.at(-1)).toEqual({ title: 'Skrevet lige før lukning', keepalive: true });
    expect(editor.saveStatus).toBe('saved');
  });

  it('sends what was typed after the save in flight, not the older words twice', async () => {
    const { editor, sent } = await openEditor();
    editor.edit('title.da', (draft) => (draft.title.da = 'Første'));
    await vi.advanceTimersByTimeAsync(1_000);
    editor.edit('title.da', (draft) => (draft.title.da = 'Anden'));
    await editor.flush(true);
    expect(sent).toEqual([
      { title: 'Første', keepalive: false },
      { title: 'Anden', keepalive: true },
    ]);
  });

  it('puts back and saves what a page closed without its save on the way out had typed', async () => {
    // A busy PC may close the page without running pagehide at all: nothing is sent on the way out.
    const storage = new MemoryStorage();
    const closed = await openEditor(storage);
    closed.editor.edit('title.da', (draft) => (draft.title.da = 'Skrevet lige før lukning'));
    expect(closed.sent).toEqual([]);

    const again = await openEditor(storage, true);
    await vi.runAllTimersAsync();
    expect(again.editor.draft?.title.da).toBe('Skrevet lige før lukning');
    expect(again.sent.map((save) => save.title)).toEqual(['Skrevet lige før lukning']);
    expect(again.editor.notice?.text).toContain('sat ind igen');

    // Once the host has it, there is nothing left to put back.
    const third = await openEditor(storage, true);
    expect(third.editor.draft?.title.da).toBe(story.title.da);
    expect(third.sent).toEqual([]);
  });

  it('sends nothing on the way out when everything is saved', async () => {
    const { editor, sent } = await openEditor();
    await editor.flush(true);
    expect(sent).toEqual([]);
  });
});
