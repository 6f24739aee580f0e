import { join } from 'node:path';
import type { ContentSnapshot } from '../../../contract/content.js';
import { writeFileAtomic } from '../bundle/fs-safe.js';
import { createLogger } from '../logger.js';
import { copenhagenTime, pad2 } from './copenhagen-time.js';
import { STAT_CATEGORIES, UNKNOWN_TIME, daySessions, type HourStats, type StatCategory, type StatsTotals } from './stats-model.js';

// The statistics as staff take them home on a stick, each file written atomically:
//   <base>.csv          sessions per day and hour:  dato;time;sessioner;gns. sessionslængde (s)
//   <base>-indhold.csv  what was opened per day:    dato;hvad;id;navn;antal  (one row per id, for pivots)
//   <base>.html         a one-page summary with inline SVG bars (no script, nothing fetched)
// CSVs are for Danish Excel: semicolons, decimal commas, CRLF, UTF-8 with BOM so æøå survive.

const log = createLogger('stats-export');

/** Readable names from the content; without them the ids are shown. */
export interface StatsLabels {
  tasks?: Readonly<Record<string, string>>;
  stories?: Readonly<Record<string, string>>;
  villages?: Readonly<Record<string, string>>;
}

export interface StatsExportOptions {
  kioskId: string;
  now: number | Date;
  clockTrusted: boolean;
  labels?: StatsLabels;
}

/** Danish names for the ids, from the content shown now (stories no longer shown keep their id). */
export function statsLabelsFrom(snapshot: Pick<ContentSnapshot, 'coreTasks' | 'stories' | 'villages'>): StatsLabels {
  return {
    tasks: Object.fromEntries(snapshot.coreTasks.map((t) => [t.id, t.title.da])),
    stories: Object.fromEntries(snapshot.stories.map((s) => [s.id, s.title.da])),
    villages: Object.fromEntries(snapshot.villages.map((v) => [String(v.id), v.name])),
  };
}

const SCREEN_DA: Readonly<Record<string, string>> = {
  attract: 'startskærm',
  map: 'kort',
  task: 'kerneopgave',
  story: 'historie',
  places: 'byer A–Å',
  credits: 'om kiosken',
  problem: 'fejlside',
};
const LANG_DA: Readonly<Record<string, string>> = { da: 'dansk', en: 'engelsk' };

function label(category: StatCategory, id: string, labels: StatsLabels | undefined): string {
  switch (category) {
    case 'screen':
      return SCREEN_DA[id] ?? id;
    case 'lang':
      return LANG_DA[id] ?? id;
    case 'task':
      return labels?.tasks?.[id] ?? id;
    case 'story':
      return labels?.stories?.[id] ?? id;
    case 'village':
      return labels?.villages?.[id] ?? id;
    default: {
      const never: never = category;
      return String(never);
    }
  }
}

/** vores-sted-statistik-<kiosk-id>-<date>, the date in Denmark (or "ukendt-dato" with a wrong clock). */
export function statsFileBaseName(kioskId: string, now: number | Date, clockTrusted: boolean): string {
  const safeId = kioskId.replace(/[^\w.-]/g, '-').slice(0, 64) || 'kiosk';
  return `vores-sted-statistik-${safeId}-${clockTrusted ? copenhagenTime(now).date : 'ukendt-dato'}`;
}

/** One CSV field: quoted when needed, and never read by Excel as a formula. */
function csvText(text: string): string {
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[;"\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** Danish decimal comma, one decimal. */
function decimalDa(value: number): string {
  return value.toFixed(1).replace('.', ',');
}

function averageSeconds(stats: Pick<HourStats, 'lengthSum' | 'lengthCount'>): number | null {
  return stats.lengthCount > 0 ? stats.lengthSum / stats.lengthCount : null;
}

/** Day keys in time order, "time unknown" last. */
function orderedDays(totals: StatsTotals): string[] {
  return [...totals.keys()].sort((a, b) => (a === UNKNOWN_TIME ? 1 : b === UNKNOWN_TIME ? -1 : a.localeCompare(b)));
}

function csv(rows: readonly (readonly string[])[]): string {
  // BOM + CRLF: what Excel on a Danish Windows PC opens correctly with a double click.
  return `\uFEFF${rows.map((row) => row.map(csvText).join(';')).join('\r\n')}\r\n`;
}

/** One row per hour in which sessions started. */
export function sessionsCsv(totals: StatsTotals): string {
  const rows: string[][] = [['dato', 'time', 'sessioner', 'gns. sessionslængde (s)']];
  for (const key of orderedDays(totals)) {
    const day = totals.get(key);
    if (!day) continue;
    for (const hour of [...day.hours.keys()].sort((a, b) => a - b)) {
      const stats = day.hours.get(hour);
      if (!stats || (stats.sessions === 0 && stats.lengthCount === 0)) continue;
      const average = averageSeconds(stats);
      rows.push([
        key === UNKNOWN_TIME ? 'ukendt' : key,
        key === UNKNOWN_TIME ? '' : String(hour),
        String(stats.sessions),
        average === null ? '' : decimalDa(average),
      ]);
    }
  }
  return csv(rows);
}

const WHAT_DA: Readonly<Record<StatCategory, string>> = {
  screen: 'skærmvisning',
  task: 'kerneopgave',
  story: 'historie',
  village: 'landsby',
  lang: 'sprogvalg',
};

/** One row per day and id: "2026-03-29;historie;anemonen;Anemonen i Lejre;4". */
export function contentCsv(totals: StatsTotals, options: Pick<StatsExportOptions, 'labels'> = {}): string {
  const rows: string[][] = [['dato', 'hvad', 'id', 'navn', 'antal']];
  for (const key of orderedDays(totals)) {
    const day = totals.get(key);
    if (!day) continue;
    const entries = [...day.counts]
      .map(([countKey, n]) => {
        const colon = countKey.indexOf(':');
        return { category: countKey.slice(0, colon) as StatCategory, id: countKey.slice(colon + 1), n };
      })
      .filter((e) => STAT_CATEGORIES.includes(e.category))
      .sort((a, b) => STAT_CATEGORIES.indexOf(a.category) - STAT_CATEGORIES.indexOf(b.category) || a.id.localeCompare(b.id, 'da', { numeric: true }));
    for (const e of entries) {
      rows.push([key === UNKNOWN_TIME ? 'ukendt' : key, WHAT_DA[e.category], e.id, label(e.category, e.id, options.labels), String(e.n)]);
    }
  }
  return csv(rows);
}

// ---- HTML summary ----

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function dateDa(date: string): string {
  return `${date.slice(8, 10)}-${date.slice(5, 7)}-${date.slice(0, 4)}`;
}

interface BarRow {
  label: string;
  value: number;
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** Horizontal bars with the label on the left and the number at the end of the bar. */
function horizontalBars(title: string, rows: readonly BarRow[]): string {
  if (rows.length === 0) return `<section><h2>${escapeHtml(title)}</h2><p class="none">Ingen endnu.</p></section>`;
  const rowHeight = 20;
  const labelWidth = 170;
  const barWidth = 230;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const height = rows.length * rowHeight;
  const bars = rows
    .map((row, i) => {
      const y = i * rowHeight;
      const w = Math.max(row.value > 0 ? 1 : 0, Math.round((row.value / max) * barWidth));
      return (
        `<text x="${labelWidth - 6}" y="${y + 14}" text-anchor="end">${escapeHtml(shorten(row.label, 26))}</text>` +
        `<rect x="${labelWidth}" y="${y + 3}" width="${w}" height="${rowHeight - 6}"/>` +
        `<text x="${labelWidth + w + 4}" y="${y + 14}">${row.value}</text>`
      );
    })
    .join('');
  return (
    `<section><h2>${escapeHtml(title)}</h2>` +
    `<svg viewBox="0 0 ${labelWidth + barWidth + 50} ${height}" width="${labelWidth + barWidth + 50}" height="${height}" role="img" aria-label="${escapeHtml(title)}">${bars}</svg></section>`
  );
}

/** Vertical bars for a time axis; only every `labelEvery`-th label is written so they do not collide. */
function verticalBars(title: string, rows: readonly BarRow[], labelEvery: number): string {
  if (rows.length === 0) return `<section class="wide"><h2>${escapeHtml(title)}</h2><p class="none">Ingen endnu.</p></section>`;
  const width = 720;
  const gutter = 40; // the scale on the left
  const chartHeight = 110;
  const top = 6;
  const slot = (width - gutter - 16) / rows.length;
  const max = Math.max(1, ...rows.map((r) => r.value));
  const bars = rows
    .map((row, i) => {
      const h = Math.round((row.value / max) * chartHeight);
      const x = gutter + i * slot;
      const tip = `<title>${escapeHtml(row.label)}: ${row.value}</title>`;
      const text = i % labelEvery === 0 ? `<text x="${(x + slot / 2).toFixed(1)}" y="${top + chartHeight + 14}" text-anchor="middle">${escapeHtml(row.label)}</text>` : '';
      return `<rect x="${(x + slot * 0.1).toFixed(1)}" y="${top + chartHeight - h}" width="${(slot * 0.8).toFixed(1)}" height="${h}">${tip}</rect>${text}`;
    })
    .join('');
  const scale =
    `<text x="${gutter - 6}" y="${top + 8}" text-anchor="end" class="max">${max}</text>` +
    `<text x="${gutter - 6}" y="${top + chartHeight}" text-anchor="end" class="max">0</text>` +
    `<line x1="${gutter - 2}" y1="${top}" x2="${gutter - 2}" y2="${top + chartHeight}"/>`;
  return (
    `<section class="wide"><h2>${escapeHtml(title)}</h2>` +
    `<svg viewBox="0 0 ${width} ${top + chartHeight + 20}" width="${width}" height="${top + chartHeight + 20}" role="img" aria-label="${escapeHtml(title)}">` +
    `${scale}${bars}</svg></section>`
  );
}

function topCounts(totals: StatsTotals, category: StatCategory, labels: StatsLabels | undefined, limit: number): BarRow[] {
  const sums = new Map<string, number>();
  for (const day of totals.values()) {
    for (const [key, n] of day.counts) {
      if (key.startsWith(`${category}:`)) sums.set(key.slice(category.length + 1), (sums.get(key.slice(category.length + 1)) ?? 0) + n);
    }
  }
  return [...sums]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], 'da'))
    .slice(0, limit)
    .map(([id, value]) => ({ label: label(category, id, labels), value }));
}

/** A one-page overview for staff: key figures and a few bar charts. */
export function statsHtml(totals: StatsTotals, options: StatsExportOptions): string {
  const days = new Map<string, number>();
  const hours = new Array<number>(24).fill(0);
  let sessions = 0;
  let lengthSum = 0;
  let lengthCount = 0;
  let unknownSessions = 0;
  for (const [key, day] of totals) {
    const sum = daySessions(day);
    sessions += sum.sessions;
    lengthSum += sum.lengthSum;
    lengthCount += sum.lengthCount;
    if (key === UNKNOWN_TIME) {
      unknownSessions += sum.sessions;
      continue;
    }
    days.set(key, sum.sessions);
    for (const [hour, stats] of day.hours) hours[hour] = (hours[hour] ?? 0) + stats.sessions;
  }
  const dayList = [...days.keys()].sort();
  const first = dayList[0];
  const last = dayList.at(-1);
  const average = lengthCount > 0 ? lengthSum / lengthCount : null;
  const now = copenhagenTime(options.now);
  const exported = options.clockTrusted ? `${dateDa(now.date)} kl. ${pad2(now.hour)}:${pad2(now.minute)}` : 'ukendt tidspunkt (kioskens ur var forkert)';
  const recentDays = dayList.slice(-62).map((d) => ({ label: `${d.slice(8, 10)}/${d.slice(5, 7)}`, value: days.get(d) ?? 0 }));
  const figures = [
    ['Sessioner i alt', String(sessions)],
    ['Gns. sessionslængde', average === null ? '–' : `${decimalDa(average)} s`],
    ['Dage med besøg', String(dayList.length)],
    ...(unknownSessions > 0 ? [['Sessioner uden kendt tidspunkt', String(unknownSessions)]] : []),
  ];
  const body = [
    `<h1>Vores Sted – brugsstatistik</h1>`,
    `<p class="meta">Kiosk ${escapeHtml(options.kioskId)} · eksporteret ${escapeHtml(exported)}${first && last ? ` · periode ${dateDa(first)} – ${dateDa(last)}` : ''}</p>`,
    `<dl>${figures.map(([k, val]) => `<div><dt>${escapeHtml(k ?? '')}</dt><dd>${escapeHtml(val ?? '')}</dd></div>`).join('')}</dl>`,
    verticalBars('Sessioner pr. dag (seneste 62 dage med besøg)', recentDays, Math.max(1, Math.ceil(recentDays.length / 16))),
    verticalBars('Sessioner fordelt på klokkeslæt', hours.map((value, h) => ({ label: String(h), value })), 2),
    `<div class="grid">`,
    horizontalBars('Kerneopgaver åbnet', topCounts(totals, 'task', options.labels, 10)),
    horizontalBars('Mest åbnede historier', topCounts(totals, 'story', options.labels, 10)),
    horizontalBars('Mest åbnede landsbyer', topCounts(totals, 'village', options.labels, 10)),
    horizontalBars('Skærmvisninger', topCounts(totals, 'screen', options.labels, 10)),
    horizontalBars('Sprogvalg', topCounts(totals, 'lang', options.labels, 5)),
    `</div>`,
    `<p class="foot">Kun anonyme optællinger: ingen fritekst, intet om den enkelte besøgende. Alle tal findes også i CSV-filen.</p>`,
  ].join('\n');
  return `<!doctype html>
<html lang="da">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Vores Sted – brugsstatistik – ${escapeHtml(options.kioskId)}</title>
<style>
@page { size: A4; margin: 12mm; }
body { font: 12px/1.4 system-ui, sans-serif; color: #1d2b27; max-width: 760px; margin: 0 auto; padding: 8px; }
h1 { font-size: 20px; margin: 0 0 4px; } h2 { font-size: 13px; margin: 10px 0 4px; }
.meta, .foot, .none { color: #55645f; } .foot { margin-top: 12px; font-size: 11px; }
dl { display: flex; gap: 16px; margin: 8px 0; } dl div { background: #eef4f2; padding: 6px 10px; border-radius: 4px; }
dt { font-size: 11px; color: #55645f; } dd { margin: 0; font-size: 18px; font-weight: 600; }
.grid { display: grid; grid-template-columns: 1fr 1fr; column-gap: 16px; }
svg { display: block; max-width: 100%; height: auto; } svg text { font-size: 11px; fill: #1d2b27; } svg rect { fill: #1f6f5c; }
svg .max { fill: #55645f; font-size: 10px; } svg line { stroke: #9aa8a3; }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export interface ExportedStats {
  /** Sessions per day and hour. */
  csvPath: string;
  /** What was opened, per day. */
  contentCsvPath: string;
  htmlPath: string;
}

/** Writes both CSVs and the HTML summary into `folder` (the stick), each atomically. */
export async function exportStats(totals: StatsTotals, folder: string, options: StatsExportOptions): Promise<ExportedStats> {
  const base = statsFileBaseName(options.kioskId, options.now, options.clockTrusted);
  const csvPath = join(folder, `${base}.csv`);
  const contentCsvPath = join(folder, `${base}-indhold.csv`);
  const htmlPath = join(folder, `${base}.html`);
  await writeFileAtomic(csvPath, sessionsCsv(totals));
  await writeFileAtomic(contentCsvPath, contentCsv(totals, options));
  await writeFileAtomic(htmlPath, statsHtml(totals, options));
  log.info({ csvPath, contentCsvPath, htmlPath, days: totals.size }, 'statistics exported');
  return { csvPath, contentCsvPath, htmlPath };
}
