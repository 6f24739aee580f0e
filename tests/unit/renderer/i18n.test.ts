import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CATALOGUE } from '../../../renderer/src/lib/i18n/catalogue';
import { Locale } from '../../../renderer/src/lib/i18n/locale.svelte';

describe('the UI catalogue', () => {
  it('has every Danish string in English too, with the same placeholders', () => {
    for (const [key, da] of Object.entries(CATALOGUE.da)) {
      const en = (CATALOGUE.en as Record<string, string>)[key];
      expect(en, key).toBeTruthy();
      const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
      expect(placeholders(en ?? ''), key).toEqual(placeholders(da));
    }
  });

  it('is the only place visitor-facing words live: components contain no hard-coded text', () => {
    const files = readdirSync('renderer/src', { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.svelte'));
    expect(files.length).toBeGreaterThan(10);
    for (const file of files) {
      const source = readFileSync(`renderer/src/${file}`, 'utf8');
      const markup = source.replace(/<script[\s\S]*?<\/script>/g, '').replace(/<style[\s\S]*?<\/style>/g, '').replace(/<!--[\s\S]*?-->/g, '');
      // Text between tags that is not a {expression}: letters there would be untranslated words.
      const stray = [...markup.matchAll(/>([^<{}]*)</g)].map((m) => (m[1] ?? '').trim()).filter((t) => /\p{L}{2,}/u.test(t));
      expect(stray, file).toEqual([]);
    }
  });
});

describe('the visitor language', () => {
  it('is Danish first and falls back to Danish where content has no English', () => {
    const locale = new Locale();
    expect(locale.t('nav.back')).toBe('Tilbage');
    locale.toggle();
    expect(locale.t('nav.back')).toBe('Back');
    expect(locale.text({ da: 'Kun dansk' })).toBe('Kun dansk');
    expect(locale.langOf({ da: 'Kun dansk' })).toBe('da');
    expect(locale.text({ da: 'Hej', en: 'Hello' })).toBe('Hello');
    locale.reset();
    expect(locale.lang).toBe('da');
  });

  it('fills placeholders and formats numbers the Danish way', () => {
    const locale = new Locale();
    expect(locale.t('village.population', { value: locale.formatNumber(4340), year: 2023 })).toBe('4.340 indbyggere pr. 1. januar 2023');
    locale.toggle();
    expect(locale.t('village.population', { value: locale.formatNumber(4340), year: 2023 })).toBe('4,340 inhabitants on 1 January 2023');
  });
});
