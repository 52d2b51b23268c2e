// One language's translator: typed keys, each key's parameters typed from
// the English text, plural rules of the language, and the locale's formats
// for times and money. Pure (no Svelte state), so features' wording
// functions take a Translator and are tested in any language.
import { formatMoney, formatTime } from '../format';
import type { MoneyDto } from '../../api/desk';
import { formatMessage, formatParts, type ParamValues, type ParamsOf, type Part } from './message';
import type { Language } from './languages';
import { en } from './messages/en';
import { de } from './messages/de';
import { fr } from './messages/fr';
import { es } from './messages/es';

export type MessageKey = keyof typeof en;

/** A language's catalogue: every key of the English one, each with a text of the same parameters. */
export type Catalogue = { readonly [K in MessageKey]: string };

export const CATALOGUES: Record<Language, Catalogue> = { en, de, fr, es };

/** The parameters of a key, from its English text. */
export type Params<K extends MessageKey> = ParamsOf<(typeof en)[K]>;

/** The arguments after the key: none for a text without parameters, else its parameters. */
export type ArgsOf<K extends MessageKey> = {} extends Params<K> ? [params?: Params<K>] : [params: Params<K>];

export interface Translator {
  /** The language of the words. */
  readonly lang: Language;
  /** The locale of numbers, times and money (the system's region when it speaks `lang`). */
  readonly locale: string;
  /** The text for `key`, text parameters isolated for bidi (FSI … PDI). */
  t<K extends MessageKey>(key: K, ...args: ArgsOf<K>): string;
  /** The text for `key` in parts, for markup that isolates parameters itself (`<bdi>`). */
  parts<K extends MessageKey>(key: K, ...args: ArgsOf<K>): Part[];
  /** A time of day in the locale. */
  time(rfc3339: string): string;
  /** An amount in the locale. */
  money(m: MoneyDto): string;
  /** A role's name: the desk's word for a built-in role, else the event's own as it is. */
  role(role: string): string;
}

const BUILT_IN_ROLES = ['attendee', 'speaker', 'sponsor', 'staff', 'organizer', 'press'] as const;

function hasKey(key: string): key is MessageKey {
  return Object.prototype.hasOwnProperty.call(en, key);
}

const made = new Map<string, Translator>();

/** The translator for `lang`, formatting for `locale` (one object per pair, so it can be compared). */
export function translator(lang: Language, locale: string = lang): Translator {
  const id = `${lang}|${locale}`;
  const known = made.get(id);
  if (known) return known;
  const catalogue = CATALOGUES[lang];
  // A key missing at run time (a catalogue the compiler did not see) falls back to English, never to the key.
  const text = (key: MessageKey): string => catalogue[key] ?? en[key];
  const tr: Translator = {
    lang,
    locale,
    t: (key, ...args) => formatMessage(lang, text(key), args[0] as ParamValues | undefined),
    parts: (key, ...args) => formatParts(lang, text(key), args[0] as ParamValues | undefined),
    time: (at) => formatTime(at, locale),
    money: (m) => formatMoney(m, locale),
    role: (role) => {
      const key = `role.${role}`;
      return (BUILT_IN_ROLES as readonly string[]).includes(role) && hasKey(key) ? tr.t(key) : role;
    },
  };
  made.set(id, tr);
  return tr;
}

/** Whether `key` is in the catalogue (for keys built from data, like a field's name). */
export function isMessageKey(key: string): key is MessageKey {
  return hasKey(key);
}
