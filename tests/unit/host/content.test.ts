import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ContentProblem, ContentState, HostEvent } from '../../../contract/api.js';
import { CORE_TASK_IDS, type ContentSnapshot } from '../../../contract/content.js';
import { loadConfig } from '../../../electron/core/config.js';
import { loadContent } from '../../../electron/core/content/load-content.js';
import { KioskHost } from '../../../electron/core/kiosk-host.js';
import { builtInContent, copyOfContent, editJson, isDanish, isEnglish, projectRoot, tempDirs } from './support.js';

const dirs = tempDirs();
afterEach(dirs.cleanup);

type Json = Record<string, unknown>;
interface VillageJson {
  name: string;
  lat: number | null;
  lon: number | null;
}

function snapshotOf(state: ContentState): ContentSnapshot {
  if (!state.ok) throw new Error(`expected content to load, got: ${state.problem.messageEn}`);
  return state.snapshot;
}

function problemOf(state: ContentState): ContentProblem {
  if (state.ok) throw new Error('expected the content to be rejected');
  return state.problem;
}

/** A copy of content/ broken by `breakIt`, loaded. */
async function loadBroken(breakIt: (dir: string) => Promise<void>): Promise<ContentProblem> {
  const dir = await copyOfContent(dirs);
  await breakIt(dir);
  return problemOf(await loadContent(dir));
}

function expectReadable(problem: ContentProblem): void {
  expect(isDanish(problem.messageDa), `not plain Danish: ${problem.messageDa}`).toBe(true);
  expect(isEnglish(problem.messageEn), `not plain English: ${problem.messageEn}`).toBe(true);
  expect(problem.messageDa).toContain(problem.file);
  expect(problem.messageEn).toContain(problem.file);
}

describe('the built-in Lejre content', () => {
  it('loads with the five core tasks, villages and all four map layers', async () => {
    const snapshot = snapshotOf(await loadContent(builtInContent));
    expect(snapshot.manifest.id).toBe('lejre-vores-sted');
    expect(snapshot.coreTasks.map((task) => task.id).sort()).toEqual([...CORE_TASK_IDS].sort());
    for (const task of snapshot.coreTasks) {
      expect(task.title.da.length).toBeGreaterThan(0);
      expect(task.colour).toMatch(/^#[0-9a-f]{6}$/i);
    }
    expect(snapshot.texts.credits.length).toBeGreaterThan(0);
    for (const layer of ['municipality', 'parishes', 'water', 'context'] as const) {
      expect(snapshot.geo[layer].features.length, layer).toBeGreaterThan(0);
    }
    expect(snapshot.geo.municipality.features).toHaveLength(1);
  });

  it('keeps villages without a sourced coordinate (lat/lon null) next to placed ones', async () => {
    const { villages } = snapshotOf(await loadContent(builtInContent));
    const placed = villages.filter((village) => village.lat !== null && village.lon !== null);
    const unplaced = villages.filter((village) => village.lat === null && village.lon === null);
    expect(placed.length).toBeGreaterThan(10);
    expect(unplaced.length).toBeGreaterThan(0);
    expect(placed.length + unplaced.length).toBe(villages.length);
    for (const village of placed) {
      // Lejre Kommune lies around 55.6° N, 11.9° E.
      expect(village.lat).toBeGreaterThan(55.4);
      expect(village.lat).toBeLessThan(55.8);
      expect(village.lon).toBeGreaterThan(11.6);
      expect(village.lon).toBeLessThan(12.2);
    }
  });
  it('turns every built-in story body into HTML', async () => {
    const { stories } = snapshotOf(await loadContent(builtInContent));
    for (const story of stories) {
      expect(story.bodyHtml.da, story.id).toMatch(/^<(p|h[2-4]|ul|ol|blockquote)>/);
      expect(story.bodyHtml.da, story.id).not.toMatch(/<(script|a|iframe)\b/);
    }
  });
});

describe('a broken content folder names the file and field, in Danish for staff and English for the log', () => {
  it('missing manifest.json', async () => {
    const problem = await loadBroken((dir) => rm(join(dir, 'manifest.json')));
    expect(problem.file).toBe('manifest.json');
    expect(problem.field).toBe('(hele filen)');
    expect(problem.messageDa).toMatch(/mangler/);
    expect(problem.messageEn).toMatch(/ENOENT/);
    expectReadable(problem);
  });

  it('a folder that does not exist at all', async () => {
    const problem = problemOf(await loadContent(join(await dirs.make(), 'no-such-folder')));
    expect(problem.file).toBe('manifest.json');
    expectReadable(problem);
  });

  it('invalid JSON in core-tasks.json', async () => {
    const problem = await loadBroken(async (dir) => {
      const path = join(dir, 'core-tasks.json');
      await writeFile(path, (await readFile(path, 'utf8')).replace(/\]\s*$/, ''));
    });
    expect(problem.file).toBe('core-tasks.json');
    expect(problem.field).toBe('(hele filen)');
    expect(problem.messageDa).toMatch(/ikke gyldig JSON/);
    expect(problem.messageEn).toMatch(/not valid JSON/);
    expectReadable(problem);
  });

  it('a missing core task is named', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json[]>(dir, 'core-tasks.json', (tasks) => tasks.filter((task) => task['id'] !== 'trivsel-og-laering')),
    );
    expect(problem.file).toBe('core-tasks.json');
    expect(problem.field).toBe('(hele filen)');
    expect(problem.messageDa).toMatch(/fem kerneopgaver/);
    expect(problem.messageDa).toContain('trivsel-og-laering');
    expect(problem.messageEn).toMatch(/five core tasks/);
    expect(problem.messageEn).toContain('trivsel-og-laering');
    expectReadable(problem);
  });

  it('a core task listed twice is named', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json[]>(dir, 'core-tasks.json', (tasks) => tasks.map((task, index) => (index === 4 ? tasks[0] : task))),
    );
    expect(problem.file).toBe('core-tasks.json');
    expect(problem.field).toBe('(hele filen)');
    expect(problem.messageDa).toMatch(/én gang/);
    expect(problem.messageDa).toContain('aktivt-og-selvstaendigt-liv');
    expect(problem.messageEn).toMatch(/only once/);
    expectReadable(problem);
  });

  it('a colour that is not a colour', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json[]>(dir, 'core-tasks.json', (tasks) => {
        (tasks[2] as Json)['colour'] = 'lilla';
      }),
    );
    expect(problem).toMatchObject({ file: 'core-tasks.json', field: '[2].colour' });
    expect(problem.messageDa).toMatch(/farve som #1f6f5c/);
    expect(problem.messageDa).toContain('uddannelse-og-beskaeftigelse'); // which task, without counting
    expect(problem.messageEn).toMatch(/colour/);
    expectReadable(problem);
  });

  it('a source that is not a web address', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json[]>(dir, 'core-tasks.json', (tasks) => {
        ((tasks[1] as Json)['source'] as Json)['url'] = 'lejre.dk/vision';
      }),
    );
    expect(problem).toMatchObject({ file: 'core-tasks.json', field: '[1].source.url' });
    expect(problem.messageDa).toMatch(/webadresse/);
    expect(problem.messageEn).toMatch(/web address/);
    expectReadable(problem);
  });

  it('a required field left out says that it is missing', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json[]>(dir, 'core-tasks.json', (tasks) => {
        delete (tasks[0] as Json)['icon'];
      }),
    );
    expect(problem).toMatchObject({ file: 'core-tasks.json', field: '[0].icon' });
    expect(problem.messageDa).toMatch(/mangler/);
    expectReadable(problem);
  });

  it('an empty Danish title', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json>(dir, 'kiosk-texts.json', (texts) => {
        ((texts['attract'] as Json)['title'] as Json)['da'] = '   ';
      }),
    );
    expect(problem).toMatchObject({ file: 'kiosk-texts.json', field: 'attract.title.da' });
    expect(problem.messageDa).toMatch(/må ikke være tom/);
    expectReadable(problem);
  });

  it('a manifest date that is not a date', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json>(dir, 'manifest.json', (manifest) => {
        manifest['created'] = 'i går';
      }),
    );
    expect(problem).toMatchObject({ file: 'manifest.json', field: 'created' });
    expect(problem.messageDa).toMatch(/dato og et klokkeslæt/);
    expectReadable(problem);
  });

  it('a village with its latitude out of range is named', async () => {
    let name = '';
    const problem = await loadBroken((dir) =>
      editJson<{ villages: VillageJson[] }>(dir, 'geo/villages.json', (file) => {
        const village = file.villages[3] as VillageJson;
        name = village.name;
        village.lat = 155.6;
      }),
    );
    expect(problem).toMatchObject({ file: 'geo/villages.json', field: 'villages[3].lat' });
    expect(problem.messageDa).toMatch(/højst være 58/);
    expect(problem.messageDa).toContain(name);
    expect(problem.messageEn).toContain(name);
    expectReadable(problem);
  });

  it('a map layer with no features', async () => {
    const problem = await loadBroken((dir) =>
      editJson<Json>(dir, 'geo/water.geojson', (collection) => {
        collection['features'] = [];
      }),
    );
    expect(problem).toMatchObject({ file: 'geo/water.geojson', field: 'features' });
    expect(problem.messageDa).toMatch(/mindst 1 element\b/);
    expectReadable(problem);
  });

  it('a missing map layer file', async () => {
    const problem = await loadBroken((dir) => rm(join(dir, 'geo', 'parishes.geojson')));
    expect(problem).toMatchObject({ file: 'geo/parishes.geojson', field: '(hele filen)' });
    expect(problem.messageDa).toMatch(/mangler/);
    expectReadable(problem);
  });

  it('with several broken files, always reports the first one in the same order', async () => {
    const dir = await copyOfContent(dirs);
    await rm(join(dir, 'geo', 'context.geojson'));
    await editJson<Json>(dir, 'kiosk-texts.json', (texts) => {
      texts['credits'] = [];
    });
    await writeFile(join(dir, 'geo', 'villages.json'), '{');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect(problemOf(await loadContent(dir)).file).toBe('kiosk-texts.json');
    }
  });

  it('accepts files saved with a UTF-8 byte order mark (Windows Notepad)', async () => {
    const dir = await copyOfContent(dirs);
    const path = join(dir, 'manifest.json');
    await writeFile(path, `\uFEFF${await readFile(path, 'utf8')}`);
    expect(snapshotOf(await loadContent(dir)).manifest.id).toBe('lejre-vores-sted');
  });
});

describe('KioskHost.reloadContent', () => {
  async function startHost(contentDir: string): Promise<{ host: KioskHost; events: HostEvent[] }> {
    const config = await loadConfig({ env: { VORES_STED_CONTENT: contentDir }, projectRoot });
    const host = await KioskHost.start(config);
    const events: HostEvent[] = [];
    host.events.subscribe((event) => events.push(event));
    return { host, events };
  }

  it('keeps showing the last good content when the new folder is broken', async () => {
    const { host, events } = await startHost(builtInContent);
    const broken = await copyOfContent(dirs);
    await rm(join(broken, 'core-tasks.json'));

    const result = await host.reloadContent(broken);

    expect(problemOf(result).file).toBe('core-tasks.json');
    expect(snapshotOf(host.content).coreTasks).toHaveLength(5);
    expect(events).toEqual([]);
    const bootstrap = host.handle('bootstrap', {});
    expect(bootstrap.status).toBe(200);
    expect((bootstrap.body as { content: ContentState }).content.ok).toBe(true);
  });

  it('switches to a good new folder and tells the renderer', async () => {
    const { host, events } = await startHost(builtInContent);
    const next = await copyOfContent(dirs);
    await editJson<Json>(next, 'manifest.json', (manifest) => {
      manifest['version'] = 2;
    });

    await host.reloadContent(next);

    expect(snapshotOf(host.content).manifest.version).toBe(2);
    expect(events).toEqual([{ type: 'content-changed' }]);
  });

  it('a kiosk that started on broken content shows the problem, then the content once it is fixed', async () => {
    const dir = await copyOfContent(dirs);
    await rm(join(dir, 'manifest.json'));
    const { host, events } = await startHost(dir);
    expect(problemOf(host.content).file).toBe('manifest.json');

    const fixed = await copyOfContent(dirs);
    await host.reloadContent(fixed);

    expect(host.content.ok).toBe(true);
    expect(events).toEqual([{ type: 'content-changed' }]);
  });
});
