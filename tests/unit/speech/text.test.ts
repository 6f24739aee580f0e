import { describe, expect, it } from 'vitest';
import { MAX_SPEECH_CHARS, prepareSpeechText } from '../../../electron/core/speech/index.js';
import { runProgram } from '../../../electron/core/speech/run-program.js';
import { ESPEAK, espeakArgs } from '../../../electron/core/speech/synthesiser.js';

/** What the real espeak-ng makes of a text given exactly as the kiosk gives it, as IPA. */
async function ipa(text: string, voice: string): Promise<string> {
  const result = await runProgram([ESPEAK, ...espeakArgs({ voice, rate: 160, volume: 100 }), '-q', '--ipa'], { input: text, timeoutMs: 10_000 });
  if (result.kind !== 'exited' || result.code !== 0) throw new Error(`espeak-ng failed: ${result.kind}`);
  return result.stdout.toString('utf8');
}

describe('prepareSpeechText: Danish as a visitor would want it read', () => {
  it('writes out "kl." and says times as hours and minutes, ranges with "til"', () => {
    expect(prepareSpeechText('Åbent i dag kl. 10-17', 'da')).toBe('Åbent i dag klokken 10 til 17.');
    expect(prepareSpeechText('Bussen kører kl. 9.00 og kl. 10.30', 'da')).toBe('Bussen kører klokken 9 og klokken 10 30.');
    expect(prepareSpeechText('Åbningstider 10.00–16.30', 'da')).toBe('Åbningstider 10 til 16 30.');
  });

  it('leaves dates, phone numbers and thousands alone', () => {
    expect(prepareSpeechText('Marked 2026-06-24', 'da')).toBe('Marked 2026-06-24.');
    expect(prepareSpeechText('1. maj har 2.500 gæster', 'da')).toBe('1. maj har 2.500 gæster.');
  });

  it('writes out the abbreviations a kiosk text uses', () => {
    expect(prepareSpeechText('Entré 25 kr. og ca. 3 km at gå, tlf. 46 46 46 00, bl.a. kirken osv.', 'da')).toBe(
      'Entré 25 kroner og cirka 3 kilometer at gå, telefon 46 46 46 00, blandt andet kirken og så videre.',
    );
  });

  it('English: ranges with "to"; Danish abbreviations untouched', () => {
    expect(prepareSpeechText('Open 10-17, ca. daily', 'en')).toBe('Open 10 to 17, ca. daily.');
  });

  it('a decomposed å (a + ring, as a Mac or a PDF gives it) becomes the one letter', () => {
    expect(prepareSpeechText('Ga\u030Ar du på Ærø?', 'da')).toBe('Går du på Ærø?');
  });

  it('soft hyphens and zero-width spaces from Word say nothing', () => {
    expect(prepareSpeechText('Lands\u00ADby\u200Bkirke', 'da')).toBe('Lands by kirke.');
  });
});

describe('prepareSpeechText: markup is not read out', () => {
  it('Markdown: headings, emphasis and lists become sentences; image descriptions are read', () => {
    const markdown = '# Osted\n\nEn *lille* by med en **gammel** kirke.\n\n![Kirken set fra syd](media/kirke.webp)\n\n- Smedjen\n- Skolen';
    expect(prepareSpeechText(markdown, 'da', 'markdown')).toBe('Osted.\nEn lille by med en gammel kirke.\nKirken set fra syd.\nSmedjen.\nSkolen.');
  });

  it('HTML: tags go, entities are decoded, scripts and styles are not read', () => {
    const html = '<h2>Mere tid</h2><p>Tryk &amp; hold<br>for at læse &lt;højt&gt;</p><script>alert("x")</script><style>p{color:red}</style><button>Læs højt</button>';
    expect(prepareSpeechText(html, 'da', 'html')).toBe('Mere tid.\nTryk & hold.\nfor at læse <højt>.\nLæs højt.');
  });

  it('plain text keeps "#" and "*" as written (a caller that means Markdown says so)', () => {
    expect(prepareSpeechText('Linje 1\nfortsat\n\nNyt afsnit!', 'da')).toBe('Linje 1 fortsat.\nNyt afsnit!');
  });

  it('nothing to say gives an empty text', () => {
    expect(prepareSpeechText('  <p> </p> ', 'da', 'html')).toBe('');
    expect(prepareSpeechText('…', 'da')).toBe('');
  });

  it('a very long text is cut at a sentence end under the cap', () => {
    const sentence = 'Dette er en sætning om landsbyen. ';
    const long = sentence.repeat(Math.ceil((MAX_SPEECH_CHARS * 2) / sentence.length));
    const prepared = prepareSpeechText(long, 'da');
    expect(prepared.length).toBeLessThanOrEqual(MAX_SPEECH_CHARS);
    expect(prepared.length).toBeGreaterThan(MAX_SPEECH_CHARS / 2);
    expect(prepared.endsWith('landsbyen.')).toBe(true);
  });
});

describe('the real espeak-ng reads what the kiosk gives it', () => {
  it('æ, ø and å arrive as UTF-8 and are spoken as Danish vowels, and "kl. 10" as "klokken ti"', async () => {
    const spoken = await ipa(prepareSpeechText('Søren går til Ærø kl. 10', 'da'), 'da');
    // "Søren" [sˈœʔʌn], "går" [ɡˈɒ], "Ærø" [ˈεʁʔœ], "klokken" [klˈʔʌkən], "ti" [tˈʔi]
    expect(spoken).toContain('sˈœʔʌn');
    expect(spoken).toContain('ɡˈɒ');
    expect(spoken).toContain('ˈεʁʔœ');
    expect(spoken).toContain('klˈʔʌkən tˈʔi');
  });
});
