import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RendererConfig } from '../../../contract/api';
import type { ContentSnapshot, Story } from '../../../contract/content';
import { highlightCandidates, pickNextHighlight } from '../../../renderer/src/lib/state/attract-highlights';
import { AttractRotation, HIGHLIGHT_MS } from '../../../renderer/src/lib/state/attract-rotation.svelte';
import { KioskState } from '../../../renderer/src/lib/state/kiosk.svelte';
import type { Transport } from '../../../renderer/src/lib/transport/transport';
import { seededRandom } from '../../bench/support/stats';
import { FakeClock } from './fake-clock';

// The attract screen's rotation of highlighted stories: which stories, in which order, when.

type Entry = Pick<Story, 'id' | 'example' | 'highlight'>;
const entry = (id: string, extra: Partial<Entry> = {}): Entry => ({ id, example: true, ...extra });
const ids = (stories: readonly { id: string }[]): string[] => stories.map((story) => story.id);

/** `count` picks in a row, as the rotation makes them. */
function sequence(candidates: readonly Entry[], random: () => number, count: number, startAfter: string | null = null): string[] {
  const shown: string[] = [];
  let current = startAfter;
  let round: string[] = [];
  for (let i = 0; i < count; i++) {
    const pick = pickNextHighlight(candidates, current, round, random);
    round = pick.round;
    current = pick.story?.id ?? null;
    if (current) shown.push(current);
  }
  return shown;
}

describe('which stories the attract screen shows', () => {
  it('those the content marks as highlights', () => {
    const stories = [entry('a', { highlight: true }), entry('b'), entry('c', { highlight: true, example: false }), entry('d', { highlight: false })];
    expect(ids(highlightCandidates(stories))).toEqual(['a', 'c']);
  });

  it('with none marked: the real stories rather than the examples, and every story when all are examples', () => {
    expect(ids(highlightCandidates([entry('a'), entry('b', { example: false }), entry('c', { example: false })]))).toEqual(['b', 'c']);
    expect(ids(highlightCandidates([entry('a'), entry('b')]))).toEqual(['a', 'b']);
    expect(highlightCandidates([])).toEqual([]);
  });

  it('the built-in content highlights its two sourced stories and examples from several core tasks', () => {
    const stories = JSON.parse(readFileSync('content/stories.json', 'utf8')) as Story[];
    const highlighted = highlightCandidates(stories);
    expect(highlighted.filter((story) => !story.example).map((story) => story.id)).toEqual(['historie-og-baggrund', 'visionen-vores-sted']);
    expect(highlighted.filter((story) => story.example).length).toBeGreaterThanOrEqual(2);
    expect(new Set(highlighted.flatMap((story) => story.coreTasks)).size).toBe(5);
  });
});

describe('the order of the highlights', () => {
  const five = ['a', 'b', 'c', 'd', 'e'].map((id) => entry(id, { highlight: true }));

  it('never shows the same story twice in a row, also across rounds', () => {
    for (const seed of [1, 2, 3, 42, 2026]) {
      const shown = sequence(five, seededRandom(seed), 500);
      expect(shown).toHaveLength(500);
      for (let i = 1; i < shown.length; i++) expect(shown[i], `seed ${seed}, pick ${i}`).not.toBe(shown[i - 1]);
    }
  });

  it('shows every highlight once per round before any comes again', () => {
    const shown = sequence(five, seededRandom(7), 50);
    for (let start = 0; start < 50; start += 5) expect(new Set(shown.slice(start, start + 5)).size, `round from ${start}`).toBe(5);
  });

  it('is the same for the same seed and differs between seeds', () => {
    expect(sequence(five, seededRandom(11), 20)).toEqual(sequence(five, seededRandom(11), 20));
    expect(sequence(five, seededRandom(11), 20)).not.toEqual(sequence(five, seededRandom(12), 20));
  });

  it('starts with another story than the one shown last, and alternates with two', () => {
    expect(sequence(five, () => 0, 1, 'a')[0]).not.toBe('a');
    const two = sequence(five.slice(0, 2), seededRandom(3), 6);
    const [x, y] = two[0] === 'a' ? ['a', 'b'] : ['b', 'a'];
    expect(two).toEqual([x, y, x, y, x, y]);
  });

  it('keeps a single highlight on screen, and shows nothing when there is none', () => {
    expect(pickNextHighlight([entry('only')], 'only', ['only'], Math.random).story?.id).toBe('only');
    expect(pickNextHighlight([], 'gone', ['gone'], Math.random)).toEqual({ story: null, round: [] });
  });

  it('never picks a story that has left the content (an update, or its last day passed)', () => {
    const random = seededRandom(5);
    let pick = pickNextHighlight(five, null, [], random);
    pick = pickNextHighlight(five, pick.story?.id ?? null, pick.round, random);
    // Mid-round, two stories go; the one on screen may be one of them.
    const left = five.filter((story) => story.id !== 'c' && story.id !== 'e');
    const next: string[] = [];
    for (let i = 0; i < 30; i++) {
      pick = pickNextHighlight(left, pick.story?.id ?? null, pick.round, random);
      next.push(pick.story?.id ?? '');
    }
    expect(new Set(next)).toEqual(new Set(['a', 'b', 'd']));
  });
});

const stories = (...names: string[]): Story[] =>
  names.map((id) => ({ ...entry(id, { highlight: true }), coreTasks: ['trivsel-og-laering'], villages: [], title: { da: id }, summary: { da: id }, media: [], sources: [], bodyHtml: { da: '' } }));

describe('the rotation on the attract screen', () => {

  it('shows a story at once and another every few seconds while it runs, and none after stop', () => {
    const clock = new FakeClock();
    const rotation = new AttractRotation(clock, () => stories('a', 'b', 'c'), seededRandom(1));
    rotation.start();
    const first = rotation.current?.id;
    expect(first).toBeDefined();
    clock.advance(HIGHLIGHT_MS - 1);
    expect(rotation.current?.id).toBe(first);
    clock.advance(1);
    const second = rotation.current?.id;
    expect(second).toBeDefined();
    expect(second).not.toBe(first);
    rotation.stop();
    clock.advance(HIGHLIGHT_MS * 10);
    expect(rotation.current?.id).toBe(second);
  });

  it('each new attract loop starts with another story than the last one shown', () => {
    const clock = new FakeClock();
    const rotation = new AttractRotation(clock, () => stories('a', 'b', 'c'), seededRandom(9));
    for (let visit = 0; visit < 20; visit++) {
      rotation.start();
      const before = rotation.current?.id;
      rotation.stop();
      rotation.start();
      expect(rotation.current?.id).not.toBe(before);
      rotation.stop();
    }
  });

  it('drops the card at once when its story leaves the content, and goes on with what is left', () => {
    const clock = new FakeClock();
    let content = stories('a', 'b');
    const rotation = new AttractRotation(clock, () => content, seededRandom(2));
    rotation.start();
    const shown = rotation.current?.id as string;
    content = content.filter((story) => story.id !== shown);
    expect(rotation.current).toBeNull();
    clock.advance(HIGHLIGHT_MS);
    expect(rotation.current?.id).toBe(content[0]?.id);
    content = [];
    clock.advance(HIGHLIGHT_MS);
    expect(rotation.current).toBeNull();
  });
});

describe('a tap on the story card', () => {
  /** A kiosk booted on just these stories; `reports` collects what it tells the statistics. */
  async function kioskWith(content: Story[]): Promise<{ kiosk: KioskState; reports: unknown[] }> {
    const reports: unknown[] = [];
    const transport: Transport = {
      kind: 'http',
      invoke: (async (method: string, request: unknown) => {
        if (method === 'reportEvent') reports.push(request);
        if (method !== 'bootstrap') return { ok: true, generation: 1 };
        const config = { kioskId: 'test', idleTimeoutSeconds: 60, maxDevicePixelRatio: 1, reducedMotion: false, testBridge: false } as RendererConfig;
        const opening = { open: true, clockTrusted: true, messageDa: null, messageEn: null };
        return { config, content: { ok: true, snapshot: { manifest: { version: 1 }, stories: content } as ContentSnapshot }, generation: 1, opening };
      }) as Transport['invoke'],
      onEvent: () => () => undefined,
    };
    const kiosk = new KioskState(transport, new FakeClock());
    await kiosk.boot();
    return { kiosk, reports };
  }

  it('starts the visit with the story shown, and back leads to the map', async () => {
    const { kiosk, reports } = await kioskWith(stories('a', 'b'));
    kiosk.attractStories.start();
    const shown = kiosk.attractStories.current?.id as string;
    kiosk.openHighlightedStory(shown);
    kiosk.attractStories.stop();
    expect(kiosk.screen).toEqual({ name: 'story', storyId: shown });
    expect(reports).toContainEqual({ event: 'session-start' });
    expect(reports).toContainEqual({ event: 'story-opened', detail: shown });
    kiosk.back();
    expect(kiosk.screen.name).toBe('map');
  });

  it('a story that left the content a moment ago wakes the kiosk to the map instead of an empty page', async () => {
    const { kiosk } = await kioskWith(stories('a'));
    kiosk.openHighlightedStory('gone');
    expect(kiosk.screen.name).toBe('map');
  });
});
