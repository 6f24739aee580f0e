import type { Language, LocalizedText } from '../../../../contract/content';
import { CATALOGUE, type MessageKey } from './catalogue';

/** Staff-only: where the preview shows Danish because the English text is missing. */
export const MISSING_ENGLISH_MARK = '[mangler på engelsk]';

/** The visitor's language. Danish is the default and what every new session starts with. */
export class Locale {
  lang = $state<Language>('da');
  /** In the staff editor's preview, Danish shown for missing English carries a visible marker. */
  markMissingEnglish = false;

  toggle(): void {
    this.lang = this.lang === 'da' ? 'en' : 'da';
  }

  reset(): void {
    this.lang = 'da';
  }

  /** A UI string with `{name}` placeholders filled in. */
  t(key: MessageKey, params: Record<string, string | number> = {}): string {
    return this.tIn(this.lang, key, params);
  }

  /** A UI string in a given language, e.g. the English line under the Danish one on the attract screen. */
  tIn(lang: Language, key: MessageKey, params: Record<string, string | number> = {}): string {
    const template: string = CATALOGUE[lang][key];
    return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
  }

  /** A content text in the visitor's language; English falls back to Danish when it is missing. */
  text(value: LocalizedText): string {
    if (this.lang !== 'en' || value.en) return this.lang === 'en' && value.en ? value.en : value.da;
    return this.markMissingEnglish ? `${MISSING_ENGLISH_MARK} ${value.da}` : value.da;
  }

  /** Shows the preview's language without counting it as a visitor's choice. */
  set(lang: Language): void {
    this.lang = lang;
  }

  /** The language a content text is actually shown in (for the `lang` attribute). */
  langOf(value: LocalizedText): Language {
    return this.lang === 'en' && value.en ? 'en' : 'da';
  }

  formatNumber(value: number): string {
    return new Intl.NumberFormat(this.lang === 'da' ? 'da-DK' : 'en-GB').format(value);
  }
}
