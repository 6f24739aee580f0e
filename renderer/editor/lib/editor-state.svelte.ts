import type { ChecklistItem, DraftCoreTask, DraftKioskTexts, EditorProject, StickChoice, StoryDraft } from '../../../contract/editor-api';
import { EditorRequestError, type EditorClient } from './editor-client';
import { UndoHistory } from './undo-history';
import { changeKey, pageStorage, storyKey, UnsavedJournal, type UnsavedChange } from './unsaved-journal';

export type SaveStatus = 'saved' | 'saving' | 'unsaved' | 'failed';
export type Notice = { level: 'info' | 'success' | 'error'; text: string; details: string[] };
/** One thing to save (a story, a core task, the kiosk texts); `closing`: send it so it survives the page. */
type SaveJob = { key: string; save: (closing: boolean) => Promise<ChecklistItem[]> };

/** Quick enough that a closed window or a power cut costs a few seconds of typing at most. */
const AUTOSAVE_MS = 800;

/**
 * Everything the staff editor page knows and does. Components render it and call its methods. Each edit
 * goes through `edit()`, which records undo, and autosaves the whole story a moment after typing pauses.
 */
export class EditorState {
  project = $state.raw<EditorProject | null>(null);
  stories = $state.raw<StoryDraft[]>([]);
  draft = $state.raw<StoryDraft | null>(null);
  checklist = $state.raw<ChecklistItem[]>([]);
  search = $state('');
  /** Which part of the content the left column lists. */
  section = $state<'stories' | 'tasks' | 'texts' | 'villages'>('stories');
  selectedTaskId = $state<DraftCoreTask['id'] | null>(null);
  saveStatus = $state<SaveStatus>('saved');
  notice = $state.raw<Notice | null>(null);
  canUndo = $state(false);
  canRedo = $state(false);
  /** Asks the form to focus a field (from a checklist link); `n` makes a repeat request a new one. */
  focusRequest = $state.raw<{ field: string; n: number } | null>(null);
  previewLang = $state<'da' | 'en'>('da');
  previewOrientation = $state<'landscape' | 'portrait'>('landscape');
  /** Bumped when the preview should open the story afresh (another story, language or orientation). */
  previewNonce = $state(0);
  sticks = $state.raw<StickChoice[]>([]);
  saveDialogOpen = $state(false);
  usbBusy = $state(false);
  settingsOpen = $state(false);
  keyPath = $state('');
  keyStatus = $state.raw<{ keyOk: boolean; messageDa: string } | null>(null);

  readonly #history = new UndoHistory<StoryDraft>();
  #saveTimer: number | null = null;
  /** What is typed but not saved yet, one save per thing (a story, a core task, the kiosk texts). */
  // A plain list, not reactive state: nothing renders it.
  #pending: SaveJob[] = [];
  /**
   * Saves on their way without keepalive. A page closed while one is in flight cuts it off, and it is no
   * longer pending: the save on the way out sends it again, with keepalive, or the words would be lost.
   */
  #inFlight: SaveJob[] = [];
  #focusN = 0;

  /** Every change, written down until its save is confirmed (unsaved-journal.ts). */
  readonly #journal: UnsavedJournal;

  constructor(
    private readonly client: EditorClient,
    private readonly now: () => number = () => performance.now(),
    storage = pageStorage(),
  ) {
    this.#journal = new UnsavedJournal(storage, () => this.project?.projectDir ?? '');
  }

  async load(): Promise<void> {
    const project = await this.client.call('open', {});
    this.project = project;
    this.stories = project.stories;
    this.checklist = project.checklist;
    const restored = this.#restoreUnconfirmed();
    if (!this.draft && this.stories[0]) this.select(this.stories[0].id);
    else if (restored > 0) void this.flush();
    // Selecting a story saves what is pending, the restored changes with it.
    if (restored > 0) this.#say('info', 'Det, du skrev sidst, nåede ikke at blive gemt, før vinduet blev lukket. Det er sat ind igen og gemmes nu.');
    const settings = await this.client.call('settings', {});
    this.keyPath = settings.keyPath;
    this.keyStatus = { keyOk: settings.keyOk, messageDa: settings.messageDa };
  }

  get filteredStories(): StoryDraft[] {
    const query = this.search.trim().toLowerCase();
    if (!query) return this.stories;
    return this.stories.filter((s) => `${s.title.da} ${s.title.en} ${s.summary.da} ${s.id}`.toLowerCase().includes(query));
  }

  checklistFor(storyId: string | null): ChecklistItem[] {
    return this.checklist.filter((item) => item.storyId === storyId);
  }

  get errorCount(): number {
    return this.checklist.filter((item) => item.level === 'error').length;
  }

  select(id: string): void {
    void this.flush();
    const story = this.stories.find((s) => s.id === id) ?? null;
    this.draft = story;
    this.#history.clear();
    this.#syncUndo();
    this.previewNonce++;
  }

  /** One change to the story being edited; `key` names the field, so typing in it is one undo step. */
  edit(key: string, change: (draft: StoryDraft) => void): void {
    const before = this.draft;
    if (!before) return;
    const next = structuredClone($state.snapshot(before)) as StoryDraft;
    change(next);
    this.#history.record(before, key, this.now());
    this.#apply(next);
  }

  undo(): void {
    if (!this.draft) return;
    const previous = this.#history.undo(this.draft);
    if (previous) this.#apply(previous);
  }

  redo(): void {
    if (!this.draft) return;
    const next = this.#history.redo(this.draft);
    if (next) this.#apply(next);
  }

  #syncUndo(): void {
    this.canUndo = this.#history.canUndo;
    this.canRedo = this.#history.canRedo;
  }

  #apply(next: StoryDraft): void {
    this.draft = next;
    this.stories = this.stories.map((s) => (s.id === next.id ? next : s));
    this.#syncUndo();
    this.#schedule({ kind: 'story', story: next });
  }

  /** Puts back what a closed page wrote down but never saw saved (the next load saves it); how many. */
  #restoreUnconfirmed(): number {
    const changes = this.#journal.unconfirmed();
    for (const change of changes) {
      switch (change.kind) {
        case 'story': {
          const known = this.stories.some((s) => s.id === change.story.id);
          this.stories = known ? this.stories.map((s) => (s.id === change.story.id ? change.story : s)) : [change.story, ...this.stories];
          break;
        }
        case 'task':
          if (this.project) this.project = { ...this.project, coreTaskTexts: this.project.coreTaskTexts.map((t) => (t.id === change.task.id ? change.task : t)) };
          break;
        case 'texts':
          if (this.project) this.project = { ...this.project, kioskTexts: change.texts };
          break;
      }
      this.#schedule(change);
    }
    return changes.length;
  }

  /** The request that saves one change; `closing`: sent with keepalive, so it survives the page. */
  async #send(change: UnsavedChange, closing: boolean): Promise<ChecklistItem[]> {
    switch (change.kind) {
      case 'story':
        return (await this.client.call('saveStory', { story: change.story }, closing)).checklist;
      case 'task':
        return (await this.client.call('saveCoreTask', { task: change.task }, closing)).checklist;
      case 'texts':
        return (await this.client.call('saveKioskTexts', { texts: change.texts }, closing)).checklist;
    }
  }

  #schedule(change: UnsavedChange): void {
    this.saveStatus = 'unsaved';
    const key = changeKey(change);
    const stamp = this.#journal.write(change);
    const save = async (closing: boolean): Promise<ChecklistItem[]> => {
      const checklist = await this.#send(change, closing);
      this.#journal.crossOff(key, stamp);
      return checklist;
    };
    // Re-added last: saves go out in the order things were typed.
    this.#pending = [...this.#pending.filter((job) => job.key !== key), { key, save }];
    if (this.#saveTimer !== null) window.clearTimeout(this.#saveTimer);
    this.#saveTimer = window.setTimeout(() => void this.flush(), AUTOSAVE_MS);
  }

  /** Saves what is typed now (also called when the page is hidden or closed: `closing`). */
  async flush(closing = false): Promise<void> {
    if (this.#saveTimer !== null) window.clearTimeout(this.#saveTimer);
    this.#saveTimer = null;
    const cutOff = closing ? this.#inFlight.filter((job) => !this.#pending.some((newer) => newer.key === job.key)) : [];
    const jobs = [...cutOff, ...this.#pending];
    if (jobs.length === 0) return;
    this.#pending = [];
    this.saveStatus = 'saving';
    for (const [index, job] of jobs.entries()) {
      if (!closing) this.#inFlight.push(job);
      try {
        this.checklist = await job.save(closing);
      } catch (error) {
        // This and the unsent ones are kept for the next try, unless something newer was typed meanwhile.
        const unsent = jobs.slice(index).filter((job) => !this.#pending.some((newer) => newer.key === job.key));
        this.#pending = [...unsent, ...this.#pending];
        this.saveStatus = 'failed';
        this.#say('error', error instanceof EditorRequestError ? error.messageDa : 'Det kunne ikke gemmes. Prøv igen.');
        return;
      } finally {
        this.#inFlight = this.#inFlight.filter((other) => other !== job);
      }
    }
    // Another edit may have come while these were on their way: it is saved next.
    this.saveStatus = this.#pending.length > 0 ? 'unsaved' : 'saved';
  }

  /** One change to a core task's texts (autosaved like a story; colours, icons and sources are not staff's). */
  editCoreTask(id: DraftCoreTask['id'], change: (task: DraftCoreTask) => void): void {
    const project = this.project;
    const current = project?.coreTaskTexts.find((t) => t.id === id);
    if (!project || !current) return;
    const next = structuredClone($state.snapshot(current)) as DraftCoreTask;
    change(next);
    this.project = { ...project, coreTaskTexts: project.coreTaskTexts.map((t) => (t.id === id ? next : t)) };
    this.#schedule({ kind: 'task', task: next });
  }

  editKioskTexts(change: (texts: DraftKioskTexts) => void): void {
    const project = this.project;
    if (!project?.kioskTexts) return;
    const next = structuredClone($state.snapshot(project.kioskTexts)) as DraftKioskTexts;
    change(next);
    this.project = { ...project, kioskTexts: next };
    this.#schedule({ kind: 'texts', texts: next });
  }

  #say(level: Notice['level'], text: string, details: string[] = []): void {
    this.notice = { level, text, details };
  }

  dismissNotice(): void {
    this.notice = null;
  }

  focusField(item: ChecklistItem): void {
    if (item.storyId) this.section = 'stories';
    if (item.storyId && item.storyId !== this.draft?.id) this.select(item.storyId);
    if (item.field) this.focusRequest = { field: item.field, n: ++this.#focusN };
  }

  async newStory(): Promise<void> {
    await this.flush();
    this.section = 'stories';
    const { story } = await this.client.call('newStory', { title: 'Ny historie' });
    this.stories = [story, ...this.stories];
    this.select(story.id);
    await this.#refreshChecklist();
    this.focusRequest = { field: 'title.da', n: ++this.#focusN };
  }

  async deleteStory(id: string): Promise<void> {
    await this.flush();
    const { checklist } = await this.client.call('deleteStory', { id });
    this.#journal.forget(storyKey(id));
    this.checklist = checklist;
    this.stories = this.stories.filter((s) => s.id !== id);
    if (this.draft?.id === id) {
      this.draft = null;
      if (this.stories[0]) this.select(this.stories[0].id);
    }
  }

  async #refreshChecklist(): Promise<void> {
    this.checklist = (await this.client.call('checklist', {})).checklist;
  }

  async importDocx(file: File): Promise<void> {
    await this.flush();
    this.#say('info', `Henter „${file.name}“ …`);
    try {
      const result = await this.client.upload('docx', file);
      if (!result.ok) {
        this.#say('error', result.messageDa);
        return;
      }
      this.stories = [result.story, ...this.stories];
      this.select(result.story.id);
      await this.#refreshChecklist();
      const details = result.notes.map((n) => n.messageDa);
      this.#say('success', `„${file.name}“ er blevet til en ny historie. Se tjeklisten for det, der mangler.`, details);
    } catch (error) {
      this.#say('error', error instanceof EditorRequestError ? error.messageDa : 'Dokumentet kunne ikke hentes.');
    }
  }

  /** A bundle (.vsb) becomes the project; the host keeps the old project beside it. */
  async openBundle(file: File): Promise<void> {
    await this.flush();
    this.#say('info', `Åbner „${file.name}“ …`);
    try {
      const result = await this.client.upload('bundle', file);
      if (!result.ok) {
        this.#say('error', result.messageDa);
        return;
      }
      this.draft = null;
      await this.load();
      this.#say('success', result.messageDa);
    } catch (error) {
      this.#say('error', error instanceof EditorRequestError ? error.messageDa : 'Pakken kunne ikke åbnes.');
    }
  }

  async addMedia(file: File): Promise<void> {
    if (!this.draft) return;
    try {
      const result = await this.client.upload('media', file);
      if (!result.ok) {
        this.#say('error', result.messageDa);
        return;
      }
      const index = this.draft.media.length;
      this.edit(`media-add-${result.medium.file}`, (draft) => draft.media.push(result.medium));
      await this.flush();
      const details = result.notes.map((n) => n.messageDa);
      this.#say('info', `„${file.name}“ er tilføjet. Skriv alt-tekst og kreditering, før du gemmer til USB.`, details);
      this.focusRequest = { field: `media.${index}.alt.da`, n: ++this.#focusN };
    } catch (error) {
      this.#say('error', error instanceof EditorRequestError ? error.messageDa : 'Filen kunne ikke tilføjes.');
    }
  }

  showPreview(lang: 'da' | 'en', orientation: 'landscape' | 'portrait'): void {
    this.previewLang = lang;
    this.previewOrientation = orientation;
    this.previewNonce++;
  }

  previewAddress(): string | null {
    const base = this.project?.previewUrl;
    if (!base) return null;
    const story = this.draft ? `&story=${encodeURIComponent(this.draft.id)}` : '';
    return `${base}?lang=${this.previewLang}&n=${this.previewNonce}${story}`;
  }

  async openSaveDialog(): Promise<void> {
    await this.flush();
    await this.#refreshChecklist();
    this.saveDialogOpen = true;
    await this.refreshSticks();
  }

  async refreshSticks(): Promise<void> {
    this.sticks = (await this.client.call('listSticks', {})).sticks;
  }

  async saveToUsb(stick: string): Promise<void> {
    this.usbBusy = true;
    try {
      const result = await this.client.call('saveToUsb', { stick });
      if (result.ok) {
        this.saveDialogOpen = false;
        this.#say('success', result.messageDa);
        if (this.project) this.project = { ...this.project, nextVersion: result.version + 1 };
      } else {
        this.checklist = result.checklist;
        this.#say('error', result.messageDa);
      }
    } catch (error) {
      this.#say('error', error instanceof EditorRequestError ? error.messageDa : 'Der skete en fejl. Prøv igen.');
    } finally {
      this.usbBusy = false;
    }
  }

  async saveKeyPath(path: string): Promise<void> {
    const result = await this.client.call('setKeyPath', { keyPath: path });
    this.keyPath = result.keyPath;
    this.keyStatus = { keyOk: result.keyOk, messageDa: result.messageDa };
  }
}
