// The message syntax of the desk's catalogues: a small subset of ICU
// MessageFormat, parsed here and formatted with Intl.PluralRules. Pure, no
// Svelte; tested in message.test.ts.
//
//   {name}                                   a parameter (text or number)
//   {count, plural, =0 {none} one {# time} other {# times}}
//                                            a number; `#` is the number
//   {kind, select, new {new} other {{kind}}} a choice by text
//
// Branch bodies are messages again, so they may hold parameters. There is no
// quoting: a catalogue text never holds a literal brace (apostrophes, as in
// "Zoë's badge", are plain text, unlike in ICU).
//
// Every text parameter is a value from outside the desk's own words (a
// person's name, a desk, a file, a printer): formatting isolates it for bidi
// (FSI … PDI as text, or a part of its own for `<bdi>` in markup), so an
// Arabic or Hebrew name cannot reorder the sentence around it.

/** U+2068 FIRST STRONG ISOLATE: opens a run whose direction is its own first strong letter. */
export const FSI = '\u2068';
/** U+2069 POP DIRECTIONAL ISOLATE: closes it. */
export const PDI = '\u2069';

/** A value isolated for bidi inside a sentence. */
export function isolate(text: string): string {
  return `${FSI}${text}${PDI}`;
}

/** The text without the isolates formatting added (for tests and for comparing with plain text). */
export function withoutIsolates(text: string): string {
  return text.replace(/[\u2068\u2069]/g, '');
}

export type ParamKind = 'text' | 'plural' | 'select';

type Node =
  | { type: 'text'; value: string }
  | { type: 'arg'; name: string }
  | { type: 'pound' }
  | { type: 'plural'; name: string; branches: Map<string, Node[]> }
  | { type: 'select'; name: string; branches: Map<string, Node[]> };

/** A message the parser refused, with the reason and where. */
export class MessageSyntaxError extends Error {}

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

function parse(source: string): Node[] {
  let pos = 0;

  function fail(why: string): never {
    throw new MessageSyntaxError(`${why} at character ${pos} of ${JSON.stringify(source)}`);
  }

  function message(inBranch: boolean, inPlural: boolean): Node[] {
    const nodes: Node[] = [];
    let text = '';
    const flush = () => {
      if (text) nodes.push({ type: 'text', value: text });
      text = '';
    };
    while (pos < source.length) {
      const c = source[pos];
      if (c === '{') {
        flush();
        pos += 1;
        nodes.push(argument());
      } else if (c === '}') {
        if (!inBranch) fail('a "}" closes nothing');
        break;
      } else if (c === '#' && inPlural) {
        flush();
        nodes.push({ type: 'pound' });
        pos += 1;
      } else {
        text += c;
        pos += 1;
      }
    }
    flush();
    return nodes;
  }

  function until(stops: string): string {
    const start = pos;
    while (pos < source.length && !stops.includes(source[pos] ?? '')) pos += 1;
    return source.slice(start, pos);
  }

  function argument(): Node {
    const name = until(',}').trim();
    if (!IDENT.test(name)) fail(`"${name}" is not a parameter name`);
    if (source[pos] === '}') {
      pos += 1;
      return { type: 'arg', name };
    }
    if (source[pos] !== ',') fail('an argument is not closed');
    pos += 1;
    const kind = until(',}').trim();
    if (kind !== 'plural' && kind !== 'select') fail(`"${kind}" is not plural or select`);
    if (source[pos] !== ',') fail(`a ${kind} has no branches`);
    pos += 1;
    const branches = new Map<string, Node[]>();
    for (;;) {
      const selector = until('{}').trim();
      if (source[pos] === '}') {
        if (selector !== '') fail(`the selector "${selector}" has no body`);
        pos += 1;
        break;
      }
      if (source[pos] !== '{') fail(`a ${kind} is not closed`);
      if (!/^(=\d+|[A-Za-z_][A-Za-z0-9_-]*)$/.test(selector)) fail(`"${selector}" is not a selector`);
      if (branches.has(selector)) fail(`the selector "${selector}" comes twice`);
      pos += 1;
      branches.set(selector, message(true, kind === 'plural'));
      if (source[pos] !== '}') fail(`the body of "${selector}" is not closed`);
      pos += 1;
    }
    if (!branches.has('other')) fail(`a ${kind} needs an "other" branch`);
    return { type: kind, name, branches };
  }

  const nodes = message(false, false);
  if (pos !== source.length) fail('unexpected "}"');
  return nodes;
}

const parsed = new Map<string, Node[]>();

function nodesOf(source: string): Node[] {
  let nodes = parsed.get(source);
  if (!nodes) {
    nodes = parse(source);
    parsed.set(source, nodes);
  }
  return nodes;
}

/** Checks a message's syntax; throws a MessageSyntaxError naming the fault. */
export function checkSyntax(source: string): void {
  nodesOf(source);
}

/** A message's parameters and how each is used; a name used two ways is reported by the stronger use. */
export function paramsOf(source: string): Map<string, ParamKind> {
  const out = new Map<string, ParamKind>();
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === 'arg') {
        if (!out.has(n.name)) out.set(n.name, 'text');
      } else if (n.type === 'plural' || n.type === 'select') {
        out.set(n.name, n.type);
        for (const body of n.branches.values()) walk(body);
      }
    }
  };
  walk(nodesOf(source));
  return out;
}

/** The selectors of every plural in a message (to check them against a language's plural categories). */
export function pluralSelectors(source: string): string[] {
  const out: string[] = [];
  const walk = (nodes: Node[]) => {
    for (const n of nodes) {
      if (n.type === 'plural' || n.type === 'select') {
        if (n.type === 'plural') out.push(...n.branches.keys());
        for (const body of n.branches.values()) walk(body);
      }
    }
  };
  walk(nodesOf(source));
  return out;
}

export type ParamValue = string | number;
export type ParamValues = Readonly<Record<string, ParamValue>>;

/** A piece of a formatted sentence: the catalogue's words, or one parameter's value. */
export type Part = { text: string } | { param: string; value: string; isolated: boolean };

const pluralRules = new Map<string, Intl.PluralRules>();

function pluralCategory(lang: string, n: number): string {
  let rules = pluralRules.get(lang);
  if (!rules) {
    rules = new Intl.PluralRules(lang);
    pluralRules.set(lang, rules);
  }
  return rules.select(n);
}

function asNumber(name: string, value: ParamValue | undefined): number {
  const n = typeof value === 'number' ? value : Number(value);
  if (!Number.isFinite(n)) throw new Error(`the parameter "${name}" must be a number, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * Formats `source` for `lang` (whose plural rules apply) as parts: the
 * catalogue's words and each parameter's value apart. Text values are
 * marked `isolated`; numbers are not (they have no direction to leak).
 */
export function formatParts(lang: string, source: string, params: ParamValues = {}): Part[] {
  const parts: Part[] = [];
  const push = (text: string) => {
    if (!text) return;
    const last = parts[parts.length - 1];
    if (last && 'text' in last) parts[parts.length - 1] = { text: last.text + text };
    else parts.push({ text });
  };
  const walk = (nodes: Node[], pound: number | null) => {
    for (const n of nodes) {
      switch (n.type) {
        case 'text':
          push(n.value);
          break;
        case 'pound':
          push(String(pound));
          break;
        case 'arg': {
          const value = params[n.name];
          if (value === undefined) throw new Error(`the parameter "${n.name}" is missing for ${JSON.stringify(source)}`);
          parts.push({ param: n.name, value: String(value), isolated: typeof value === 'string' });
          break;
        }
        case 'plural': {
          const count = asNumber(n.name, params[n.name]);
          const body = n.branches.get(`=${count}`) ?? n.branches.get(pluralCategory(lang, count)) ?? n.branches.get('other');
          walk(body ?? [], count);
          break;
        }
        case 'select': {
          const value = params[n.name];
          if (value === undefined) throw new Error(`the parameter "${n.name}" is missing for ${JSON.stringify(source)}`);
          walk(n.branches.get(String(value)) ?? n.branches.get('other') ?? [], pound);
          break;
        }
      }
    }
  };
  walk(nodesOf(source), null);
  return parts;
}

/** Formats `source` as one string, text parameters isolated with FSI … PDI. */
export function formatMessage(lang: string, source: string, params: ParamValues = {}): string {
  return formatParts(lang, source, params)
    .map((p) => ('text' in p ? p.text : p.isolated ? isolate(p.value) : p.value))
    .join('');
}

// The same grammar at the type level, so that `t('key', params)` knows the
// parameters of the English text: each `{name}` wants a string or a number,
// each plural a number, each select a string. A scan from brace to brace
// with a depth counter (the tuple D): at depth 0 a `}` ends nothing, inside a
// plural or select it closes a branch body.

type Trim<S extends string> = S extends ` ${infer R}` ? Trim<R> : S extends `${infer R} ` ? Trim<R> : S;

/** The next brace in S: which one, the text before it, the text after it. */
type NextBrace<S extends string> = S extends `${infer A}{${infer B}`
  ? A extends `${infer A2}}${infer B2}`
    ? ['}', A2, `${B2}{${B}`]
    : ['{', A, B]
  : S extends `${infer A}}${infer B}`
    ? ['}', A, B]
    : ['end', S, ''];

type KindType<K extends string> = K extends 'plural' ? number : K extends 'select' ? string : string | number;

/** In a message (the top level or a branch body). */
type InMessage<S extends string, D extends unknown[], Acc> =
  NextBrace<S> extends ['{', string, infer R extends string]
    ? InArgument<R, D, Acc>
    : NextBrace<S> extends ['}', string, infer R extends string]
      ? D extends [unknown, ...unknown[]]
        ? InBranches<R, D, Acc>
        : Acc
      : Acc;

/** Between the branches of a plural or select. */
type InBranches<S extends string, D extends unknown[], Acc> =
  NextBrace<S> extends ['{', string, infer R extends string]
    ? InMessage<R, D, Acc>
    : NextBrace<S> extends ['}', string, infer R extends string]
      ? InMessage<R, D extends [unknown, ...infer Up] ? Up : [], Acc>
      : Acc;

/** Just after an argument's opening brace. */
type InArgument<S extends string, D extends unknown[], Acc> =
  NextBrace<S> extends ['}', infer Head extends string, infer R extends string]
    ? InMessage<R, D, Acc & { [K in Trim<Head>]: string | number }>
    : NextBrace<S> extends ['{', infer Head extends string, infer R extends string]
      ? Head extends `${infer Name},${infer Kind},${string}`
        ? InMessage<R, [unknown, ...D], Acc & { [K in Trim<Name>]: KindType<Trim<Kind>> }>
        : Acc
      : Acc;

type Simplify<T> = { [K in keyof T]: T[K] };

/** The parameters a message text asks for, as an object type (`{}` for none). */
export type ParamsOf<S extends string> = Simplify<InMessage<S, [], unknown>>;
