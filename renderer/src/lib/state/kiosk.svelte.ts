import type { ContentProblem, Diagnostic, OpeningState, RendererConfig, VISITOR_EVENTS } from '../../../../contract/api';
import type { ContentSnapshot, CoreTask, CoreTaskId, Story, Village } from '../../../../contract/content';
import { webAudioSounds, type Sounds } from '../countdown-sound';
import { Locale } from '../i18n/locale.svelte';
import { appEvent } from '../test-bridge';
import type { Transport } from '../transport/transport';
import { AttractRotation } from './attract-rotation.svelte';
import { IdleTimer, type Clock } from './idle-timer';
import { CornerHold } from './staff-gesture';
import { ReachLayout } from './reach.svelte';
import { ReadAloud } from './read-aloud.svelte';
import { ReadAloudGestures } from './read-aloud-gestures';
import { screenTitle } from './screen-title';
import { StaffHealthState } from './staff-health.svelte';

export type Screen =
  | { name: 'attract' }
  | { name: 'map' }
  | { name: 'task'; taskId: CoreTaskId }
  | { name: 'story'; storyId: string }
  | { name: 'places' }
  | { name: 'credits' }
  | { name: 'problem' }
  | { name: 'closed' };

/** What the staff editor's preview asks to show (from the preview page's address). */
export interface PreviewTarget {
  storyId: string | null;
  lang: 'da' | 'en';
}

const WARNING_MS = 10_000;
const HEARTBEAT_MS = 5_000;

/**
 * The whole visitor-facing state of the kiosk and what a visitor can do with it. Components render this
 * and call its methods; they hold no business logic of their own.
 */
export class KioskState {
  screen = $state.raw<Screen>({ name: 'attract' });
  content = $state.raw<ContentSnapshot | null>(null);
  problem = $state.raw<ContentProblem | null>(null);
  config = $state.raw<RendererConfig | null>(null);
  /** Opening hours from the host; closed means a dark screen and no map at all. */
  opening = $state.raw<OpeningState>({ open: true, clockTrusted: true, messageDa: null, messageEn: null });
  selectedVillageId = $state<number | null>(null);
  highlightedTask = $state<CoreTaskId | null>(null);
  /** A message for staff from the host (a USB install in progress, its result). */
  staffNotice = $state.raw<{ level: 'info' | 'progress' | 'success' | 'error'; messageDa: string; progress: number | null } | null>(null);
  #noticeTimer: number | null = null;
  #preview: PreviewTarget | null = null;
  #generation = 0;
  #shownGeneration = -1;
  /** Seconds left before the kiosk starts over, while the warning shows. */
  idleWarning = $state<number | null>(null);
  /** Display modes a visitor can choose on any screen; both end with the session. */
  largeText = $state(false);
  highContrast = $state(false);
  displayPanelOpen = $state(false);
  /** "Letlæst": the easy-to-read summary of every story that has one, for the rest of the session. */
  easyRead = $state(false);
  /** Low-reach mode and the band of the screen within reach (from the config's mounting). */
  readonly reach = new ReachLayout();
  /** Bumped to ask the map to re-frame the whole municipality. */
  homeRequests = $state(0);
  /** Bumped to ask the map to frame the highlighted core task's villages. */
  taskFrameRequests = $state(0);
  readonly locale = new Locale();
  readonly #history: Screen[] = [];
  readonly #idle: IdleTimer;
  /** The highlighted stories the attract screen shows in turn (the screen starts and stops it). */
  readonly attractStories: AttractRotation;
  /** The PIN-protected staff health screen, on top of whatever screen is showing. */
  readonly staff: StaffHealthState;
  /** The hidden gesture that opens it (App feeds it the pointer events). */
  readonly staffGesture: CornerHold;
  /** "Læs højt": the kiosk read aloud, explore by touch. */
  readonly readAloud: ReadAloud;
  /** The long press and the three-finger tap that start it without sight (App feeds them the pointer events). */
  readonly readAloudGestures: ReadAloudGestures;

  constructor(
    private readonly transport: Transport,
    private readonly clock: Clock,
    private readonly sounds: Sounds = webAudioSounds,
  ) {
    this.#idle = new IdleTimer(clock, 90_000, WARNING_MS, () => this.resetSession('idle'), (s) => this.#idleWarning(s));
    this.readAloud = new ReadAloud(transport, clock, this.locale);
    this.readAloudGestures = new ReadAloudGestures(clock, () => this.toggleReadAloud());
    this.attractStories = new AttractRotation(clock, () => this.content?.stories ?? []);
    this.staff = new StaffHealthState(transport, clock);
    this.staffGesture = new CornerHold(clock, () => this.openStaffScreen());
  }

  get villages(): Village[] {
    return this.content?.villages ?? [];
  }

  get selectedVillage(): Village | null {
    return this.villages.find((v) => v.id === this.selectedVillageId) ?? null;
  }

  get currentStory(): Story | null {
    const screen = this.screen;
    return screen.name === 'story' ? (this.content?.stories.find((s) => s.id === screen.storyId) ?? null) : null;
  }

  storiesForTask(taskId: CoreTaskId): Story[] {
    return this.content?.stories.filter((s) => s.coreTasks.includes(taskId)) ?? [];
  }

  storiesForVillage(villageId: number): Story[] {
    return this.content?.stories.filter((s) => s.villages.includes(villageId)) ?? [];
  }

  /** Villages that have at least one story for the highlighted core task: these light up on the map. */
  get highlightedVillageIds(): readonly number[] {
    const task = this.highlightedTask;
    const ids = task ? this.storiesForTask(task).flatMap((s) => s.villages) : [];
    return ids.filter((id, index) => ids.indexOf(id) === index).sort((a, b) => a - b);
  }

  taskById(taskId: CoreTaskId): CoreTask | null {
    return this.content?.coreTasks.find((t) => t.id === taskId) ?? null;
  }

  villageById(id: number): Village | null {
    return this.villages.find((v) => v.id === id) ?? null;
  }

  get currentTask(): CoreTask | null {
    const screen = this.screen;
    return screen.name === 'task' ? (this.content?.coreTasks.find((t) => t.id === screen.taskId) ?? null) : null;
  }

  async boot(preview: PreviewTarget | null = null): Promise<void> {
    const { config, content, generation, opening, speech } = await this.transport.invoke('bootstrap', {});
    this.config = config;
    this.readAloud.configure(speech);
    this.readAloud.prewarm();
    this.reach.configure(config.mounting ?? null);
    this.#generation = generation;
    this.#applyOpening(opening);
    this.#applyIdleTimeout();
    this.#applyContent(content.ok ? content.snapshot : null, content.ok ? null : content.problem);
    if (config.preview && preview) {
      this.#preview = preview;
      this.#openPreview(preview);
    }
    this.transport.onEvent((event) => {
      switch (event.type) {
        case 'content-changed':
          void this.#reloadContent();
          break;
        case 'return-to-attract':
          this.resetSession('host');
          break;
        case 'opening-hours':
          this.#applyOpening(event.opening);
          break;
        case 'staff-notice':
          this.#showNotice(event.level, event.messageDa, event.progress ?? null);
          break;
        default: {
          const exhaustive: never = event;
          throw new Error(`unknown host event ${JSON.stringify(exhaustive)}`);
        }
      }
    });
    // The first attract screen was never "shown": its announcements start here.
    if (this.screen.name === 'attract') this.readAloud.screenShown(null, true);
    this.#heartbeat();
  }

  /**
   * The editor's preview: straight to the story being edited, in the language asked for, with missing
   * English marked; no idle reset (staff read at their own pace).
   */
  #openPreview(preview: PreviewTarget): void {
    this.locale.markMissingEnglish = true;
    this.locale.set(preview.lang);
    if (!this.content) return;
    this.#show({ name: 'map' });
    if (preview.storyId && this.content.stories.some((story) => story.id === preview.storyId)) {
      this.#history.push(this.screen);
      this.#show({ name: 'story', storyId: preview.storyId });
    }
  }

  /** Tells the host the renderer is alive; the host's watchdog acts when these stop. */
  #heartbeat(): void {
    void this.transport
      .invoke('heartbeat', { screen: this.screen.name })
      .then(({ generation }) => {
        // A content-changed event sent while the page was still connecting would otherwise be missed.
        if (generation !== this.#generation) void this.#reloadContent();
      })
      .catch(() => undefined);
    this.clock.setTimeout(() => this.#heartbeat(), HEARTBEAT_MS);
  }

  async #reloadContent(): Promise<void> {
    const { content, generation } = await this.transport.invoke('bootstrap', {});
    // A broken update never replaces content that works: the host already refuses it, this is a second guard.
    if (content.ok) {
      this.#generation = generation;
      this.#applyContent(content.snapshot, null);
      // The editor's preview: a story that only now passes its checks is opened as soon as it arrives.
      if (this.#preview && this.screen.name !== 'story') this.#openPreview(this.#preview);
    }
  }

  #applyOpening(opening: OpeningState): void {
    const wasOpen = this.opening.open;
    this.opening = opening;
    if (!opening.open) {
      // Closing ends any visit in progress: nothing of it is left for tomorrow's first visitor.
      this.resetSession('host');
      this.#show({ name: 'closed' });
    } else if (!wasOpen) {
      this.#show(this.content ? { name: 'attract' } : { name: 'problem' });
    }
  }

  /** The map has drawn the current content: tells the host, whose health check waits for it. */
  contentDrawn(): void {
    if (this.#shownGeneration === this.#generation) return;
    this.#shownGeneration = this.#generation;
    void this.transport.invoke('contentShown', { generation: this.#generation }).catch(() => undefined);
  }

  /** What only the renderer sees (a lost WebGL context): the host counts it for the health screen. */
  reportDiagnostic(kind: Diagnostic): void {
    void this.transport.invoke('diagnostic', { kind }).then(
      () => appEvent('diagnostic-reported', { kind }),
      () => undefined,
    );
  }

  /**
   * The hidden gesture: the PIN pad, when the config has a staff PIN. The idle timer runs while it is
   * open, so a staff screen left open closes by itself like any visit.
   */
  openStaffScreen(): void {
    if (!this.config?.staffScreen || this.config.preview || this.staff.phase !== 'closed') return;
    this.staff.open();
    this.#idle.start();
  }

  closeStaffScreen(): void {
    this.staff.close();
    // Back on a screen without a visit in progress: no countdown to a reset there.
    if (['attract', 'closed', 'problem'].includes(this.screen.name)) this.#idle.stop();
  }

  #showNotice(level: 'info' | 'progress' | 'success' | 'error', messageDa: string, progress: number | null): void {
    this.staffNotice = { level, messageDa, progress };
    if (this.#noticeTimer !== null) this.clock.clearTimeout(this.#noticeTimer);
    this.#noticeTimer = null;
    // Progress stays until the result comes; a result stays long enough to be read from across the room.
    if (level !== 'progress') {
      this.#noticeTimer = this.clock.setTimeout(() => {
        this.staffNotice = null;
        this.#noticeTimer = null;
      }, 45_000);
    }
  }

  #applyContent(snapshot: ContentSnapshot | null, problem: ContentProblem | null): void {
    this.content = snapshot;
    this.problem = problem;
    if (!snapshot) this.#show({ name: 'problem' });
    appEvent('content-loaded', { ok: snapshot !== null, version: snapshot?.manifest.version ?? null });
  }

  #show(screen: Screen): void {
    this.screen = screen;
    appEvent('screen-shown', {
      screen: screen.name,
      ...(screen.name === 'task' ? { taskId: screen.taskId } : {}),
      ...(screen.name === 'story' ? { storyId: screen.storyId } : {}),
    });
    this.#report('screen', screen.name);
    this.readAloud.screenShown(screenTitle(screen, this.content, this.locale), screen.name === 'attract');
  }

  /** The normal idle timeout, or the longer one while read-aloud is on. */
  #applyIdleTimeout(): void {
    const normal = (this.config?.idleTimeoutSeconds ?? 90) * 1000;
    const listening = this.readAloud.on ? this.readAloud.offer.idleTimeoutSeconds * 1000 : 0;
    this.#idle.setTimeoutMs(Math.max(normal, listening));
  }

  /** The countdown to the reset is shown, heard (a short sound) and, in read-aloud mode, said. */
  #idleWarning(seconds: number | null): void {
    if (seconds !== null && this.idleWarning === null) {
      this.sounds.countdown();
      this.readAloud.countdownStarted(seconds);
      appEvent('idle-warning', { seconds });
    }
    this.idleWarning = seconds;
  }

  #report(event: (typeof VISITOR_EVENTS)[number], detail?: string): void {
    void this.transport.invoke('reportEvent', detail === undefined ? { event } : { event, detail }).catch(() => undefined);
  }

  /** The wake tap on the attract screen: it only wakes, it never activates what lies beneath. */
  wake(): void {
    if (this.screen.name !== 'attract' || !this.content || !this.opening.open) return;
    this.#history.length = 0;
    this.#report('session-start');
    this.#show({ name: 'map' });
    if (!this.config?.preview) this.#idle.start();
  }

  /** A tap on the attract screen's story card: the visit starts, with that story open (back leads to the map). */
  openHighlightedStory(storyId: string): void {
    this.wake();
    if (this.screen.name === 'map' && this.content?.stories.some((story) => story.id === storyId)) this.openStory(storyId);
  }

  userActivity(): void {
    this.#extend();
  }

  /** "Læs højt" on or off: the control, the long press on the attract screen, the three-finger tap. */
  toggleReadAloud(): void {
    this.readAloud.toggle();
    this.#applyIdleTimeout();
    // Turned on before a visit has started: it still ends with the idle reset, not with the next visitor.
    if (this.readAloud.on && this.screen.name === 'attract' && !this.config?.preview) this.#idle.start();
  }

  /** "Mere tid": the visitor asks for more time before the kiosk starts over. */
  moreTime(): void {
    this.#extend();
  }

  /**
   * Any touch is more time; during the countdown it also takes the countdown (and its "Mere tid") away at
   * once, before the touch ends, so in read-aloud mode the kiosk says that the visit got more time.
   */
  #extend(): void {
    const counting = this.idleWarning !== null;
    this.#idle.poke();
    if (counting && this.idleWarning === null) this.readAloud.countdownStopped();
  }

  go(screen: Screen): void {
    this.#history.push(this.screen);
    this.selectedVillageId = null;
    this.#show(screen);
  }

  back(): void {
    this.selectedVillageId = null;
    this.#show(this.#history.pop() ?? { name: 'map' });
  }

  home(): void {
    this.#history.length = 0;
    this.selectedVillageId = null;
    this.highlightedTask = null;
    this.homeRequests++;
    if (this.screen.name !== 'map') this.#show({ name: 'map' });
  }

  openTask(taskId: CoreTaskId): void {
    this.highlightedTask = taskId;
    this.#report('task-opened', taskId);
    appEvent('task-opened', { taskId });
    this.go({ name: 'task', taskId });
  }

  openStory(storyId: string): void {
    this.#report('story-opened', storyId);
    appEvent('story-opened', { storyId });
    this.go({ name: 'story', storyId });
  }

  /** Shows the highlighted core task's villages on the map. */
  showTaskOnMap(taskId: CoreTaskId): void {
    this.highlightedTask = taskId;
    this.#history.length = 0;
    this.selectedVillageId = null;
    this.#show({ name: 'map' });
    this.taskFrameRequests++;
    appEvent('task-highlighted', { taskId, villages: [...this.highlightedVillageIds] });
  }

  /** Opens a village's card on the map (from the map itself or from the A–Å list). */
  showVillage(id: number): void {
    if (this.screen.name !== 'map') {
      this.#history.push(this.screen);
      this.#show({ name: 'map' });
    }
    this.openVillage(id);
  }

  openVillage(id: number | null): void {
    this.selectedVillageId = id;
    if (id === null) return;
    const village = this.selectedVillage;
    this.#report('village-opened', String(id));
    appEvent('village-opened', { id, name: village?.name ?? null });
    // Opened from the map, which is not explored by touch: its name is said instead.
    if (village) this.readAloud.announce({ text: village.name, lang: 'da' });
  }

  /** Low reach on or off; on the attract screen the tap also starts the visit, as any tap there does. */
  toggleLowReach(): void {
    this.reach.toggle();
    this.wake();
  }

  toggleLanguage(): void {
    this.locale.toggle();
    this.#report('language', this.locale.lang);
    appEvent('language-changed', { lang: this.locale.lang });
    this.readAloud.announce(screenTitle(this.screen, this.content, this.locale));
  }

  /** Every trace of the last visitor goes: screen, selection, language, history. */
  resetSession(reason: 'idle' | 'host'): void {
    this.#idle.stop();
    this.staff.close();
    this.#history.length = 0;
    this.selectedVillageId = null;
    this.highlightedTask = null;
    this.locale.reset();
    this.largeText = false;
    this.highContrast = false;
    this.displayPanelOpen = false;
    this.easyRead = false;
    this.reach.reset();
    this.readAloud.reset();
    this.#applyIdleTimeout();
    this.homeRequests++;
    this.#report('session-end', reason);
    appEvent('session-reset', { reason });
    this.#show(this.content ? { name: 'attract' } : { name: 'problem' });
  }
}
