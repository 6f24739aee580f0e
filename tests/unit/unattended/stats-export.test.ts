import { readFile, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { contentCsv, exportStats, sessionsCsv, statsFileBaseName, statsHtml, statsLabelsFrom } from '../../../electron/core/unattended/stats-export';
import { StatsStore, type VisitorEvent } from '../../../electron/core/unattended/stats-store';
import type { ContentSnapshot } from '../../../contract/content';
import { loadContent } from '../../../electron/core/content/load-content';
import { FakeClock, at, tempDirs } from './support';

const dirs = tempDirs();
afterEach(() => dirs.cleanup());

async function sampleTotals(): Promise<{ store: StatsStore; clock: FakeClock }> {
  const clock = new FakeClock(at('1970-01-01T00:05Z'));
  const store = await StatsStore.open({ dir: await dirs.make(), clock, clockFloor: at('2026-01-01T00:00Z') });
  const visit = (seconds: number, ...events: VisitorEvent[]): void => {
    store.recordVisitorEvent({ event: 'session-start' });
    for (const e of events) store.recordVisitorEvent(e);
    clock.advance(seconds * 1000);
    store.recordVisitorEvent({ event: 'session-end', detail: 'idle' });
  };
  visit(12); // before NTP: time unknown
  clock.setWall(at('2026-06-01T10:15+02:00'));
  visit(30, { event: 'story-opened', detail: 'anemonen' }, { event: 'task-opened', detail: 'trivsel-og-laering' }, { event: 'screen', detail: 'map' });
  visit(45, { event: 'story-opened', detail: 'anemonen' }, { event: 'village-opened', detail: '7' }, { event: 'language', detail: 'en' });
  clock.setWall(at('2026-06-02T14:05+02:00'));
  visit(20, { event: 'story-opened', detail: 'Æbletræet' });
  return { store, clock };
}

const labels = { stories: { anemonen: 'Anemonen; en "blomst"', Æbletræet: '=Æbletræet i Osted' }, villages: { '7': 'Osted' }, tasks: { 'trivsel-og-laering': 'Trivsel og læring' } };

describe('statistics export for staff', () => {
  it('sessions CSV: Danish Excel format with BOM, semicolons, decimal comma and CRLF', async () => {
    const { store } = await sampleTotals();
    const csv = sessionsCsv(store.totals());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual([
      'dato;time;sessioner;gns. sessionslængde (s)',
      '2026-06-01;10;2;37,5',
      '2026-06-02;14;1;20,0',
      'ukendt;;1;12,0',
      '',
    ]);
  });

  it('content CSV: one row per day and id with a readable name, quoted and never a formula', async () => {
    const { store } = await sampleTotals();
    const rows = contentCsv(store.totals(), { labels }).slice(1).split('\r\n');
    expect(rows).toEqual([
      'dato;hvad;id;navn;antal',
      '2026-06-01;skærmvisning;map;kort;1',
      '2026-06-01;kerneopgave;trivsel-og-laering;Trivsel og læring;1',
      '2026-06-01;historie;anemonen;"Anemonen; en ""blomst""";2',
      '2026-06-01;landsby;7;Osted;1',
      '2026-06-01;sprogvalg;en;engelsk;1',
      "2026-06-02;historie;Æbletræet;'=Æbletræet i Osted;1",
      '',
    ]);
  });

  it('HTML summary: one self-contained page with SVG bars, no script, nothing fetched, text escaped', async () => {
    const { store, clock } = await sampleTotals();
    const html = statsHtml(store.totals(), { kioskId: 'lejre-bib-1', now: clock.now(), clockTrusted: true, labels: { stories: { anemonen: '<b>Anemonen</b>' } } });
    expect(html).toContain('<html lang="da">');
    expect(html).toContain('Kiosk lejre-bib-1 · eksporteret 02-06-2026 kl. 14:05');
    expect(html).toContain('periode 01-06-2026 – 02-06-2026');
    expect(html).toMatch(/<dt>Sessioner i alt<\/dt><dd>4<\/dd>/);
    expect(html).toMatch(/<dt>Sessioner uden kendt tidspunkt<\/dt><dd>1<\/dd>/);
    expect(html.match(/<svg /g)?.length).toBeGreaterThanOrEqual(6);
    expect(html).toContain('&#60;b&#62;Anemonen&#60;/b&#62;');
    expect(html).not.toMatch(/<script|src=|href=|url\(|@import/i);
  });

  it('writes the files atomically to the stick, named by kiosk and date', async () => {
    const { store, clock } = await sampleTotals();
    const stick = await dirs.make('vores-sted-stick-');
    const written = await exportStats(store.totals(), stick, { kioskId: 'lejre-bib-1', now: clock.now(), clockTrusted: true, labels });
    expect((await readdir(stick)).sort()).toEqual([
      'vores-sted-statistik-lejre-bib-1-2026-06-02-indhold.csv',
      'vores-sted-statistik-lejre-bib-1-2026-06-02.csv',
      'vores-sted-statistik-lejre-bib-1-2026-06-02.html',
    ]);
    expect(await readFile(written.csvPath, 'utf8')).toBe(sessionsCsv(store.totals()));
    // æøå are real UTF-8 after the BOM.
    const bytes = await readFile(written.contentCsvPath);
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toContain('skærmvisning');
    expect(await readFile(join(stick, 'vores-sted-statistik-lejre-bib-1-2026-06-02.html'), 'utf8')).toContain('</html>');
  });

  it('with a wrong clock the file says the date is unknown', () => {
    expect(statsFileBaseName('lejre bib/1', at('1970-01-01T00:00Z'), false)).toBe('vores-sted-statistik-lejre-bib-1-ukendt-dato');
  });

  it('an empty store exports headers and an empty summary', async () => {
    const totals = new Map();
    expect(sessionsCsv(totals)).toBe('\uFEFFdato;time;sessioner;gns. sessionslængde (s)\r\n');
    expect(statsHtml(totals, { kioskId: 'k', now: at('2026-06-01T10:00Z'), clockTrusted: true })).toContain('Ingen endnu.');
  });

  it('takes readable names from the content shown', async () => {
    const snapshot = (await loadContent(fileURLToPath(new URL('../../../content', import.meta.url)))) as { ok: true; snapshot: ContentSnapshot };
    const names = statsLabelsFrom(snapshot.snapshot);
    expect(names.tasks?.['trivsel-og-laering']).toBeTruthy();
    expect(Object.keys(names.villages ?? {}).length).toBeGreaterThan(10);
  });
});
