// The desk's languages and how one is picked: the desk's own choice if it
// made one, else the first of the system's languages that the desk speaks,
// else English. The locale for dates, times and money follows the language
// but keeps the system's region when the system speaks the same language
// (a desk in Vienna shows de-AT formats). Pure, tested in languages.test.ts.

export const LANGUAGES = ['en', 'de', 'fr', 'es'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Each language's name in itself, for the selector (never translated: people look for their own). */
export const LANGUAGE_NAMES: Record<Language, string> = {
  en: 'English',
  de: 'Deutsch',
  fr: 'Français',
  es: 'Español',
};

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The primary language subtag of a BCP 47 tag, lowercased: "de" for "de-AT", "pt" for "pt_BR". */
function primary(tag: string): string {
  return tag.trim().split(/[-_]/)[0]?.toLowerCase() ?? '';
}

/** The first of the system's languages (most preferred first) that the desk speaks, else English. */
export function systemLanguage(preferred: readonly string[]): Language {
  for (const tag of preferred) {
    const lang = primary(tag);
    if (isLanguage(lang)) return lang;
  }
  return 'en';
}

/** A well-formed locale tag Intl accepts, or null ("C", "", "en_US.UTF-8" are not). */
function canonical(tag: string): string | null {
  try {
    return Intl.getCanonicalLocales(tag.replace('_', '-'))[0] ?? null;
  } catch {
    return null;
  }
}

/** The locale for Intl: the system's own tag when it is in `lang`, else the language alone. */
export function localeFor(lang: Language, preferred: readonly string[]): string {
  for (const tag of preferred) {
    if (primary(tag) !== lang) continue;
    const locale = canonical(tag);
    if (locale) return locale;
  }
  return lang;
}
