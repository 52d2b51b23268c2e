// The window's language, as Svelte state: the desk's choice (kept in this
// installation's localStorage) or, until it makes one, the system's. Every
// text in a template that goes through `t()` or `deskLanguage.tr` follows a
// change at once. Wording functions elsewhere take a Translator instead, so
// they stay pure.
import { isLanguage, localeFor, systemLanguage, type Language } from './languages';
import { translator, type ArgsOf, type MessageKey, type Translator } from './translator';

const STORAGE_KEY = 'lanyard.language';

function systemTags(): readonly string[] {
  if (typeof navigator === 'undefined') return [];
  if (navigator.languages && navigator.languages.length > 0) return [...navigator.languages];
  return navigator.language ? [navigator.language] : [];
}

function storedChoice(): Language | null {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : null;
  } catch {
    // Storage may be unavailable (a locked-down profile): the desk then follows the system.
    return null;
  }
}

let choice = $state<Language | null>(storedChoice());
let tags = $state<readonly string[]>(systemTags());

if (typeof window !== 'undefined') {
  // The system's languages can change while the window is open.
  window.addEventListener('languagechange', () => (tags = systemTags()));
}

export const deskLanguage = {
  /** The desk's own choice, or null while it follows the system. */
  get choice(): Language | null {
    return choice;
  },
  /** The language the system asks for, among the desk's. */
  get system(): Language {
    return systemLanguage(tags);
  },
  /** The translator for the language in force. */
  get tr(): Translator {
    const lang = choice ?? systemLanguage(tags);
    return translator(lang, localeFor(lang, tags));
  },
  /** Chooses a language for this desk (null: follow the system again), remembered for the next start. */
  choose(lang: Language | null): void {
    choice = lang;
    try {
      if (lang) globalThis.localStorage?.setItem(STORAGE_KEY, lang);
      else globalThis.localStorage?.removeItem(STORAGE_KEY);
    } catch {
      // Not remembered, but in force for this window.
    }
  },
};

/** The text for `key` in the language in force (reactive in templates). */
export function t<K extends MessageKey>(key: K, ...args: ArgsOf<K>): string {
  return deskLanguage.tr.t(key, ...args);
}
