import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Row {
  figure: string;
  /** The headline number (for JSON consumers and trend lines); null when a row shows a pair. */
  value: number | null;
  unit: string;
  /** As printed. */
  measured: string;
  goal: string;
  /** null: reported, no goal. */
  ok: boolean | null;
}

export interface Section {
  title: string;
  rows: Row[];
}

const okText = (ok: boolean | null): string => (ok === null ? '–' : ok ? 'yes' : 'NO');

/** An aligned plain-text table: figure | measured | goal | ok?, one block per section. */
export function formatTable(sections: Section[], footnotes: string[]): string {
  const header = { figure: 'figure', measured: 'measured', goal: 'goal', ok: 'ok?' };
  const all = sections.flatMap((s) => s.rows.map((r) => ({ figure: r.figure, measured: r.measured, goal: r.goal, ok: okText(r.ok) })));
  const width = (key: keyof typeof header): number => Math.max(header[key].length, ...all.map((r) => r[key].length));
  const w = { figure: width('figure'), measured: width('measured'), goal: width('goal') };
  const line = (r: typeof header): string => `${r.figure.padEnd(w.figure)} | ${r.measured.padStart(w.measured)} | ${r.goal.padEnd(w.goal)} | ${r.ok}`;
  const rule = '-'.repeat(w.figure + w.measured + w.goal + 13);
  const out = [line(header), rule];
  for (const section of sections) {
    out.push(`[${section.title}]`);
    for (const r of section.rows) out.push(line({ figure: r.figure, measured: r.measured, goal: r.goal, ok: okText(r.ok) }));
  }
  out.push(rule, ...footnotes);
  return out.join('\n');
}

export function writeJson(path: string, data: unknown): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, `${JSON.stringify(data, null, 2)}\n`);
}
