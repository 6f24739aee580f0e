import { afterAll, describe, expect, it } from 'vitest';
import { inspectContent, loadContent } from '../../../electron/core/content/load-content.js';
import { copenhagenDate, nextCopenhagenMidnight, storiesValidOn } from '../../../electron/core/content/validity.js';
import { tempDirs } from '../host/support.js';
import { contentWith, snapshotOf, story } from './support.js';

const dirs = tempDirs();
afterAll(dirs.cleanup);

const STORIES = [
  { id: 'altid' },
  { id: 'fra-juni', validFrom: '2026-06-01' },
  { id: 'til-juni', validTo: '2026-06-01' },
  { id: 'kun-1-juni', validFrom: '2026-06-01', validTo: '2026-06-01' },
];

const ids = (instant: string): string[] => storiesValidOn(STORIES, new Date(instant)).map((s) => s.id);

describe('which stories are shown, by the date in Denmark', () => {
  it('the day before validFrom', () => {
    expect(ids('2026-05-31T12:00:00Z')).toEqual(['altid', 'til-juni']);
  });

  it('validFrom and validTo days are both included', () => {
    expect(ids('2026-06-01T12:00:00Z')).toEqual(['altid', 'fra-juni', 'til-juni', 'kun-1-juni']);
  });

  it('the day after validTo', () => {
    expect(ids('2026-06-02T12:00:00Z')).toEqual(['altid', 'fra-juni']);
  });

  it('midnight in Copenhagen, not in UTC (summer time, UTC+2)', () => {
    // 21:59:59 UTC on 31 May is 23:59:59 in Lejre: still 31 May.
    expect(ids('2026-05-31T21:59:59Z')).toEqual(['altid', 'til-juni']);
    // 22:00 UTC is 00:00 on 1 June in Lejre, though UTC still says 31 May.
    expect(ids('2026-05-31T22:00:00Z')).toEqual(['altid', 'fra-juni', 'til-juni', 'kun-1-juni']);
    // And the 1-June-only story is gone at Lejre's midnight, with UTC still on 1 June.
    expect(ids('2026-06-01T21:59:59Z')).toContain('kun-1-juni');
    expect(ids('2026-06-01T22:00:00Z')).toEqual(['altid', 'fra-juni']);
  });

  it('midnight in winter time (UTC+1)', () => {
    const winter = [{ id: 'jul', validFrom: '2026-12-24', validTo: '2026-12-24' }];
    expect(storiesValidOn(winter, new Date('2026-12-23T22:59:59Z'))).toEqual([]);
    expect(storiesValidOn(winter, new Date('2026-12-23T23:00:00Z'))).toEqual(winter);
    expect(storiesValidOn(winter, new Date('2026-12-24T22:59:59Z'))).toEqual(winter);
    expect(storiesValidOn(winter, new Date('2026-12-24T23:00:00Z'))).toEqual([]);
  });

  it('copenhagenDate is the wall-clock date in Lejre', () => {
    expect(copenhagenDate(new Date('2026-03-28T23:30:00Z'))).toBe('2026-03-29');
    expect(copenhagenDate(new Date('2026-03-28T22:30:00Z'))).toBe('2026-03-28');
  });
});

describe('nextCopenhagenMidnight: when the host re-filters', () => {
  it('is the next local midnight, in summer and winter time', () => {
    expect(nextCopenhagenMidnight(new Date('2026-06-01T10:00:00Z')).toISOString()).toBe('2026-06-01T22:00:00.000Z');
    expect(nextCopenhagenMidnight(new Date('2026-12-01T10:00:00Z')).toISOString()).toBe('2026-12-01T23:00:00.000Z');
  });

  it('at exactly midnight, is the one after', () => {
    expect(nextCopenhagenMidnight(new Date('2026-06-01T22:00:00Z')).toISOString()).toBe('2026-06-02T22:00:00.000Z');
  });

  it('across the clock changes (the days have 23 and 25 hours)', () => {
    // Summer time starts 29 March 2026 at 02:00; the next midnight is already UTC+2.
    expect(nextCopenhagenMidnight(new Date('2026-03-29T00:30:00Z')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    // Winter time starts 25 October 2026 at 03:00; the next midnight is UTC+1.
    expect(nextCopenhagenMidnight(new Date('2026-10-25T00:30:00Z')).toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });
});

describe('loadContent leaves out stories not valid on the host’s day', () => {
  async function folder(): Promise<string> {
    return contentWith(dirs, {
      stories: [
        story('altid'),
        story('udloebet', { validTo: '2026-05-31' }),
        story('kommende', { validFrom: '2026-06-02' }),
        story('i-dag', { validFrom: '2026-06-01', validTo: '2026-06-01' }),
      ],
    });
  }

  it('with an injected clock', async () => {
    const dir = await folder();
    const shown = (instant: string) =>
      loadContent(dir, { now: new Date(instant) }).then((state) => snapshotOf(state).stories.map((s) => s.id));
    expect(await shown('2026-06-01T10:00:00Z')).toEqual(['altid', 'i-dag']);
    expect(await shown('2026-05-31T21:30:00Z')).toEqual(['altid', 'udloebet']); // 23:30 in Lejre
    expect(await shown('2026-06-01T22:30:00Z')).toEqual(['altid', 'kommende']); // 00:30 on 2 June in Lejre
  });

  it('keeps every story in allStories, so the host can re-filter at midnight without re-reading', async () => {
    const report = await inspectContent(await folder(), { now: new Date('2026-06-01T10:00:00Z') });
    expect(report.allStories.map((s) => s.id)).toEqual(['altid', 'udloebet', 'kommende', 'i-dag']);
    const tomorrow = storiesValidOn(report.allStories, nextCopenhagenMidnight(new Date('2026-06-01T10:00:00Z')));
    expect(tomorrow.map((s) => s.id)).toEqual(['altid', 'kommende']);
  });

  it('a story with expired dates is still checked (it is in the bundle)', async () => {
    const dir = await contentWith(dirs, { stories: [story('gammel', { validTo: '2020-01-01' })], bodies: { 'gammel.da.md': null } });
    const report = await inspectContent(dir, { now: new Date('2026-06-01T10:00:00Z') });
    expect(report.state.ok).toBe(false);
  });
});
