import { describe, expect, it } from 'vitest';
import { htmlToMarkdown, markdownToHtml } from '../../../renderer/editor/lib/markdown-html';
import { screenFits, type ScreenFit } from '../../../renderer/editor/lib/media-fit';
import { UndoHistory } from '../../../renderer/editor/lib/undo-history';

// The parts of the staff editor's page that need no DOM: undo/redo in the story form, how a picture will
// sit on the kiosk's screens, and the bridge between the formatted text staff edit and the Markdown stored.

describe('undo and redo in the story form', () => {
  /** A form with one text per field; typing records the state before each keystroke, as the page does. */
  function form(limit?: number) {
    const history = new UndoHistory<Record<string, string>>(limit);
    let state: Record<string, string> = { title: '', summary: '' };
    return {
      type(field: string, text: string, at: number) {
        history.record(state, field, at);
        state = { ...state, [field]: text };
      },
      undo() {
        state = history.undo(state) ?? state;
        return state;
      },
      redo() {
        state = history.redo(state) ?? state;
        return state;
      },
      get state() {
        return state;
      },
      history,
    };
  }

  it('quick typing in one field is one step', () => {
    const f = form();
    ['H', 'Hø', 'Hør', 'Høst'].forEach((text, i) => f.type('title', text, 1_000 + i * 150));
    expect(f.undo()).toEqual({ title: '', summary: '' });
    expect(f.history.canUndo).toBe(false);
    expect(f.redo()).toEqual({ title: 'Høst', summary: '' });
  });

  it('typing in another field is a step of its own, however quick', () => {
    const f = form();
    f.type('title', 'Høst', 1_000);
    f.type('summary', 'Kort', 1_100);
    f.type('title', 'Høstmarked', 1_200);
    expect(f.undo()).toEqual({ title: 'Høst', summary: 'Kort' });
    expect(f.undo()).toEqual({ title: 'Høst', summary: '' });
    expect(f.undo()).toEqual({ title: '', summary: '' });
  });

  it('typing on after a pause is a new step', () => {
    const f = form();
    f.type('title', 'Høst', 1_000);
    f.type('title', 'Høst og', 1_000 + 5_000);
    expect(f.undo()).toEqual({ title: 'Høst', summary: '' });
    expect(f.undo()).toEqual({ title: '', summary: '' });
  });

  it('a pause is measured from the last keystroke, so steady typing stays one step', () => {
    const f = form();
    for (let i = 1; i <= 20; i++) f.type('title', 'x'.repeat(i), i * 500);
    expect(f.undo()).toEqual({ title: '', summary: '' });
  });

  it('a new edit after undo clears redo', () => {
    const f = form();
    f.type('title', 'Høst', 1_000);
    f.type('summary', 'Kort', 3_000);
    f.undo();
    expect(f.history.canRedo).toBe(true);
    f.type('title', 'Høstmarked', 3_100);
    expect(f.history.canRedo).toBe(false);
    expect(f.redo()).toEqual({ title: 'Høstmarked', summary: '' });
  });

  it('typing right after an undo does not merge into the step before it', () => {
    const f = form();
    f.type('title', 'Høst', 1_000);
    f.type('title', 'Høstmarked', 5_000);
    f.undo(); // back to "Høst"
    f.type('title', 'Høstfest', 5_100);
    expect(f.undo()).toEqual({ title: 'Høst', summary: '' });
  });

  it('keeps at most `limit` steps, dropping the oldest', () => {
    const f = form(3);
    for (let i = 1; i <= 5; i++) f.type(i % 2 ? 'title' : 'summary', `udgave ${i}`, i * 10_000);
    let undone = 0;
    while (f.history.canUndo) {
      f.undo();
      undone++;
    }
    expect(undone).toBe(3);
    expect(f.state).toEqual({ title: 'udgave 1', summary: 'udgave 2' });
  });
});

describe('how a picture will sit on the kiosk\'s screens', () => {
  const fit = (width: number, height: number, screen: string): ScreenFit => {
    const found = screenFits({ width, height }).find((s) => s.screen.startsWith(screen));
    if (!found) throw new Error(`no screen ${screen}`);
    return found;
  };

  it('a 1200-pixel-wide picture is sharp on a landscape 1080p screen (shown 1152 wide) but soft on 4K', () => {
    expect(fit(1200, 800, 'Liggende 1080p')).toMatchObject({ width: 1152, height: 768, soft: false, tallerThanScreen: false });
    expect(fit(1200, 800, 'Liggende 4K')).toMatchObject({ width: 2304, soft: true });
    expect(fit(1200, 800, 'Stående 1080p')).toMatchObject({ width: 1080, soft: false });
    expect(fit(1200, 800, 'Stående 4K')).toMatchObject({ width: 2160, soft: true });
  });

  it('a picture wide enough for 4K is sharp everywhere', () => {
    expect(screenFits({ width: 3840, height: 2560 }).filter((s) => s.soft)).toEqual([]);
    expect(screenFits({ width: 3840, height: 2560 })).toHaveLength(4);
  });

  it('a tall portrait picture is flagged as taller than the screen in landscape', () => {
    expect(fit(1000, 3000, 'Liggende 1080p')).toMatchObject({ height: 3456, tallerThanScreen: true });
    expect(fit(1600, 1200, 'Liggende 1080p').tallerThanScreen).toBe(false);
  });

  it('says nothing for a medium without a known size (video, sound)', () => {
    expect(screenFits({})).toEqual([]);
    expect(screenFits({ width: 1920 })).toEqual([]);
  });
});

describe('formatted text ⇄ the Markdown the kiosk shows', () => {
  const roundTrip = (markdown: string): string => htmlToMarkdown(markdownToHtml(markdown));

  const story = [
    '# Høstmarked i Kirke Hyllinge',
    '',
    'Et **stærkt** fællesskab og *årets* første æbler – „det bedste marked“, siger Søren. Det er ’vores’ marked, sagde han: “kom”.',
    '',
    '## Program',
    '',
    '- Æbler fra egnen',
    '- Øl fra bryggeriet',
    '',
    '1. Åbning kl. 10',
    '2. Musik kl. 14',
    '',
    '> „Vi ses på pladsen!“',
  ].join('\n');

  it('keeps headings, bold, italic, lists and quotes: the kiosk shows the same after an edit', () => {
    expect(markdownToHtml(roundTrip(story))).toBe(markdownToHtml(story));
  });

  it('keeps æ, ø, å and typographic quotes exactly, without escaping them', () => {
    const back = roundTrip(story);
    for (const text of ['# Høstmarked i Kirke Hyllinge', '## Program', '**stærkt**', '*årets*', '„det bedste marked“', '’vores’', '“kom”', '> „Vi ses på pladsen!“']) {
      expect(back).toContain(text);
    }
    expect(back).toMatch(/^-\s+Æbler fra egnen$/m);
    expect(back).toMatch(/^2\.\s+Musik kl\. 14$/m);
  });

  it('settles after one edit: saving again does not keep changing the stored text', () => {
    const once = roundTrip(story);
    expect(roundTrip(once)).toBe(once);
  });

  it('reduces what the kiosk cannot show to its text: no script survives', () => {
    const markdown = htmlToMarkdown('<p>Før</p><script>alert(1)</script><style>p{}</style><p>Efter</p>');
    expect(markdown).toBe('Før\n\nEfter');
  });
});
