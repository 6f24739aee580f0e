import { afterAll, describe, expect, it } from 'vitest';
import { inspectContent, loadContent } from '../../../electron/core/content/load-content.js';
import { tempDirs } from '../host/support.js';
import { contentWith, expectNamesFile, picture, problemOf, snapshotOf, story, type ContentSpec } from './support.js';

const dirs = tempDirs();
afterAll(dirs.cleanup);

async function load(spec: ContentSpec) {
  return loadContent(await contentWith(dirs, spec));
}

describe('stories load with their bodies as sanitised HTML', () => {
  it('a story with a Danish and an English body, and a picture in the text', async () => {
    const dir = await contentWith(dirs, {
      stories: [
        story('havnen', {
          media: [{ type: 'image', file: 'media/havn.png', width: 64, height: 48, alt: { da: 'Havnen' }, credit: 'Foto: Lejre Kommune' }],
        }),
      ],
      bodies: {
        'havnen.da.md': '# Havnen\n\nEn *god* dag. Se [lejre.dk](https://www.lejre.dk).\n\n![Havnen om morgenen](media/havn.png)\n',
        'havnen.en.md': 'A *good* day.\n',
      },
      media: { 'havn.png': await picture(64, 48) },
    });
    const report = await inspectContent(dir);
    expect(report.errors).toEqual([]);
    expect(report.warnings).toEqual([]);
    const [loaded] = snapshotOf(report.state).stories;
    expect(loaded?.id).toBe('havnen');
    expect(loaded?.bodyHtml.da).toBe(
      '<h2>Havnen</h2>\n<p>En <em>god</em> dag. Se <span class="link">lejre.dk <span class="url">(https://www.lejre.dk)</span></span>.</p>\n' +
        '<p><img src="/media/havn.png" alt="Havnen om morgenen" width="64" height="48" /></p>',
    );
    expect(loaded?.bodyHtml.en).toBe('<p>A <em>good</em> day.</p>');
    expect(report.allStories).toHaveLength(1);
  });

  it('the English body is optional: without it the renderer falls back to Danish', async () => {
    const [loaded] = snapshotOf(await load({ stories: [story('kun-dansk')] })).stories;
    expect(loaded?.bodyHtml).toEqual({ da: '<p>Tekst om kun-dansk.</p>' });
  });

  it('a picture in the text that the story does not list gets its real size', async () => {
    const state = await load({
      stories: [story('billede')],
      bodies: { 'billede.da.md': '![Marken](media/mark.webp)' },
      media: { 'mark.webp': await picture(30, 20, 'webp') },
    });
    expect(snapshotOf(state).stories[0]?.bodyHtml.da).toBe('<p><img src="/media/mark.webp" alt="Marken" width="30" height="20" /></p>');
  });

  it('accepts a body saved with a byte order mark and Windows line ends', async () => {
    const state = await load({ stories: [story('notepad')], bodies: { 'notepad.da.md': '\uFEFFFørste linje\r\n\r\nAnden linje\r\n' } });
    expect(snapshotOf(state).stories[0]?.bodyHtml.da).toBe('<p>Første linje</p>\n<p>Anden linje</p>');
  });
});

describe('a story that does not fit the rest of the content is refused, naming the file', () => {
  it('an unknown village id', async () => {
    const problem = problemOf(await load({ stories: [story('et-sted', { villages: [1, 99999] })] }));
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[0].villages[1]');
    expect(problem.messageDa).toContain('99999');
    expect(problem.messageDa).toContain('et-sted');
    expect(problem.messageDa).toMatch(/ikke findes i geo\/villages\.json/);
  });

  it('an unknown core task', async () => {
    const problem = problemOf(await load({ stories: [story('opgave', { coreTasks: ['vejvedligehold'] })] }));
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[0].coreTasks[0]');
    expect(problem.messageDa).toMatch(/tilladte værdier/);
    expect(problem.messageDa).toContain('[0].coreTasks[0]');
  });

  it('the same story id twice', async () => {
    const problem = problemOf(await load({ stories: [story('to-gange'), story('anden'), story('to-gange')] }));
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[2].id');
    expect(problem.messageDa).toMatch(/findes allerede/);
    expect(problem.messageDa).toContain('to-gange');
  });

  it('validTo before validFrom', async () => {
    const problem = problemOf(await load({ stories: [story('baglaens', { validFrom: '2026-06-01', validTo: '2026-05-01' })] }));
    expectNamesFile(problem, 'stories.json');
    expect(problem.field).toBe('[0].validTo');
    expect(problem.messageDa).toMatch(/aldrig blive vist/);
  });
});

describe('a missing or malformed body file is refused, naming the file', () => {
  it('no Danish body', async () => {
    const problem = problemOf(await load({ stories: [story('uden-tekst')], bodies: { 'uden-tekst.da.md': null, 'uden-tekst.en.md': 'Text.' } }));
    expectNamesFile(problem, 'stories/uden-tekst.da.md');
    expect(problem.messageDa).toMatch(/mangler/);
    expect(problem.messageDa).toMatch(/ingen dansk tekst/);
  });

  it('a NUL byte (a binary file renamed .md)', async () => {
    const problem = problemOf(await load({ stories: [story('binaer')], bodies: { 'binaer.da.md': Buffer.from('Tekst\0mere', 'utf8') } }));
    expectNamesFile(problem, 'stories/binaer.da.md');
    expect(problem.messageDa).toMatch(/ikke en tekstfil/);
  });

  it('not UTF-8 (saved as Windows-1252)', async () => {
    const latin1 = Buffer.from('Kyndeløse og Æbelø', 'latin1');
    const problem = problemOf(await load({ stories: [story('tegnsaet')], bodies: { 'tegnsaet.da.md': latin1 } }));
    expectNamesFile(problem, 'stories/tegnsaet.da.md');
    expect(problem.messageDa).toMatch(/UTF-8/);
  });

  it('empty, or only whitespace', async () => {
    const problem = problemOf(await load({ stories: [story('tom')], bodies: { 'tom.da.md': ' \n\t\r\n ' } }));
    expectNamesFile(problem, 'stories/tom.da.md');
    expect(problem.messageDa).toMatch(/er tom/);
  });

  it('larger than 200 kB', async () => {
    const problem = problemOf(await load({ stories: [story('lang')], bodies: { 'lang.da.md': 'bla '.repeat(52_000) } }));
    expectNamesFile(problem, 'stories/lang.da.md');
    expect(problem.messageDa).toMatch(/for stor \(204 kB\)/);
  });

  it('a malformed English body is refused too (it would be shown to English readers)', async () => {
    const problem = problemOf(await load({ stories: [story('engelsk')], bodies: { 'engelsk.en.md': '' } }));
    expectNamesFile(problem, 'stories/engelsk.en.md');
  });

  it('a picture in the text that the folder does not have', async () => {
    const problem = problemOf(await load({ stories: [story('borte')], bodies: { 'borte.da.md': 'Se her:\n\n![Kirken](media/kirke.webp)' } }));
    expectNamesFile(problem, 'media/kirke.webp');
    expect(problem.messageDa).toContain('stories/borte.da.md');
  });

  it('a picture in the text without alt text', async () => {
    const problem = problemOf(
      await load({ stories: [story('uden-alt')], bodies: { 'uden-alt.da.md': '![](media/kirke.webp)' }, media: { 'kirke.webp': await picture(8, 8, 'webp') } }),
    );
    expectNamesFile(problem, 'stories/uden-alt.da.md');
    expect(problem.messageDa).toMatch(/alt-tekst/);
  });
});

describe('things staff should fix that do not stop the content', () => {
  it('raw HTML, an outside picture and a body file no story uses are warnings', async () => {
    const dir = await contentWith(dirs, {
      stories: [story('advarsler')],
      bodies: {
        'advarsler.da.md': 'Tekst <b>fed</b>.\n\n<div>blok</div>\n\n![Logo](https://www.lejre.dk/logo.png)',
        'advarsel.da.md': 'Et forkert filnavn.',
      },
    });
    const report = await inspectContent(dir);
    expect(report.state.ok).toBe(true);
    expect(report.warnings.map((warning) => warning.file)).toEqual(['stories/advarsler.da.md', 'stories/advarsler.da.md', 'stories/advarsel.da.md']);
    for (const warning of report.warnings) expectNamesFile(warning, warning.file);
    expect(report.warnings[0]?.messageDa).toMatch(/HTML-koder/);
    expect(report.warnings[1]?.messageDa).toMatch(/vises ikke/);
    expect(report.warnings[2]?.messageDa).toMatch(/hører ikke til nogen historie/);
  });
});

describe('with several problems', () => {
  it('reports the first in story order every time, and lists them all for the bundle tools', async () => {
    const dir = await contentWith(dirs, {
      stories: [story('a', { villages: [424242] }), story('b')],
      bodies: { 'b.da.md': null },
    });
    for (let attempt = 0; attempt < 3; attempt++) {
      const report = await inspectContent(dir);
      expect(problemOf(report.state).file).toBe('stories.json');
      expect(report.errors.map((error) => error.file)).toEqual(['stories.json', 'stories/b.da.md']);
      expect(report.allStories).toEqual([]);
    }
  });
});
