// A parser for Zircon's 2018 `.abigen` syscall format, with positions:
//
//   #^ summary text                      (any number of lines, joined)
//   #! rights sentences.                 (any number of lines, one token stream)
//   syscall NAME attr* (param, ...) [returns (TYPE [, param]*)] ;
//   param := NAME ':' TYPE ['[' size ']'] attr*      size := term ('*' term)*
//
// Every problem is a Diagnostic (`FILE:LINE:COL: message`), never an exception, and the
// parser keeps going after an error so that one run reports all of them: a syntax error
// skips to the end of its declaration, an unknown attribute word is dropped (and reported)
// while the rest of the declaration is kept.
import { didYouMean, sortDiagnostics, type Diagnostic } from '../diagnostics.js';
import { ATTRIBUTES, type Attribute, type Direction } from '../model.js';
import { parseSentence, tokenizeRights, type ClauseShape, type SentenceForm } from '../docs/rights-forms.js';

export interface Pos {
  readonly line: number;
  readonly col: number;
}

export const PARAM_ATTRIBUTES = [
  'IN',
  'OUT',
  'INOUT',
  'optional',
  'handle_acquire',
  'handle_release',
  'handle_release_always',
] as const;
export type ParamAttribute = (typeof PARAM_ATTRIBUTES)[number];

const DIRECTION_WORDS: readonly ParamAttribute[] = ['IN', 'OUT', 'INOUT'];
const HANDLE_WORDS: readonly ParamAttribute[] = ['handle_acquire', 'handle_release', 'handle_release_always'];

/** `T[n]`, `T[name]`, `T[a*b]`: the factors of the element count, as written. */
export interface AbigenSize {
  readonly terms: readonly (string | number)[];
  readonly pos: Pos;
}

/** An attribute word the grammar does not know; reported, then left out of `attributes`. */
export interface StrayWord {
  readonly word: string;
  readonly pos: Pos;
}

export interface AbigenParam {
  readonly name: string;
  readonly type: string;
  readonly size?: AbigenSize;
  /** Known attribute words, in the order written. */
  readonly attributes: readonly ParamAttribute[];
  readonly stray: readonly StrayWord[];
  /** Declared in `returns (...)` after the return type (an output by position). */
  readonly isReturn: boolean;
  /** returns-list entries and `OUT` are out, `INOUT` is inout, everything else in. */
  readonly dir: Direction;
  readonly pos: Pos;
}

export interface AbigenSentence {
  /** The sentence's tokens, ending in `.`. */
  readonly tokens: readonly string[];
  readonly form: SentenceForm;
  /** null for "None." */
  readonly clause: ClauseShape | null;
  readonly pos: Pos;
  /** Position of every token, for diagnostics about a slot. */
  readonly tokenPos: readonly Pos[];
}

export interface AbigenSyscall {
  readonly name: string;
  readonly pos: Pos;
  readonly attributes: readonly Attribute[];
  readonly strayAttributes: readonly StrayWord[];
  /** The parameter list, then the outputs of `returns (...)`: C order. */
  readonly params: readonly AbigenParam[];
  /** The return type; `void` for `returns ()` or a noreturn syscall without `returns`. */
  readonly returns: string;
  /** Whether a `returns (...)` clause was written. */
  readonly hasReturns: boolean;
  /** The `#^` lines, trimmed and joined by one space; undefined when there are none. */
  readonly summary?: string;
  readonly summaryPos?: Pos;
  /** Parsed `#!` sentences (those matching a form); undefined when there are no `#!` lines. */
  readonly rights?: readonly AbigenSentence[];
  readonly rightsPos?: Pos;
  /** Every `#!` token, in order: the flat stream the 2018 tool saw. */
  readonly rightsTokens?: readonly string[];
}

export interface AbigenFile {
  readonly syscalls: readonly AbigenSyscall[];
  readonly diagnostics: Diagnostic[];
}

// ---- lexing -------------------------------------------------------------------------

type TokenKind = 'ident' | 'number' | 'punct' | 'eof';

interface Token {
  readonly kind: TokenKind;
  readonly text: string;
  readonly line: number;
  readonly col: number;
}

interface DocComment {
  readonly kind: '^' | '!';
  /** Text after the `#^` / `#!` marker. */
  readonly text: string;
  readonly line: number;
  /** Column of the first character of `text`. */
  readonly col: number;
  readonly markerCol: number;
  /** Index of the first token after the comment. */
  readonly before: number;
}

const PUNCT = new Set(['(', ')', ',', ':', ';', '[', ']', '*']);

function lex(text: string, report: (pos: Pos, message: string) => void): { tokens: Token[]; comments: DocComment[] } {
  const tokens: Token[] = [];
  const comments: DocComment[] = [];
  const lines = text.split(/\r\n|\n|\r/);
  lines.forEach((lineText, i) => {
    const line = i + 1;
    let c = 0;
    while (c < lineText.length) {
      const ch = lineText[c] ?? '';
      if (ch === ' ' || ch === '\t' || ch === '\f' || ch === '\v') {
        c++;
        continue;
      }
      if (ch === '#') {
        const marker = lineText[c + 1];
        if (marker === '^' || marker === '!') {
          const rest = lineText.slice(c + 2);
          const lead = rest.length - rest.trimStart().length;
          comments.push({ kind: marker, text: rest.trim(), line, col: c + 3 + lead, markerCol: c + 1, before: tokens.length });
        }
        break;
      }
      const word = /^[A-Za-z0-9_]+/.exec(lineText.slice(c))?.[0];
      if (word !== undefined) {
        if (/^[0-9]/.test(word)) {
          if (!/^[0-9]+$/.test(word)) report({ line, col: c + 1 }, `invalid number "${word}"`);
          tokens.push({ kind: 'number', text: word, line, col: c + 1 });
        } else {
          tokens.push({ kind: 'ident', text: word, line, col: c + 1 });
        }
        c += word.length;
        continue;
      }
      if (PUNCT.has(ch)) {
        tokens.push({ kind: 'punct', text: ch, line, col: c + 1 });
        c++;
        continue;
      }
      report({ line, col: c + 1 }, `unexpected character ${JSON.stringify(ch)}`);
      c++;
    }
  });
  const last = lines.length;
  tokens.push({ kind: 'eof', text: '', line: last, col: (lines[last - 1]?.length ?? 0) + 1 });
  return { tokens, comments };
}

// ---- parsing ------------------------------------------------------------------------

class SyntaxError_ {
  constructor(readonly pos: Pos, readonly message: string) {}
}

interface RawParam {
  name: string;
  type: string;
  size?: AbigenSize;
  words: { word: string; pos: Pos }[];
  isReturn: boolean;
  pos: Pos;
}

interface RawSyscall {
  name: string;
  pos: Pos;
  words: { word: string; pos: Pos }[];
  params: RawParam[];
  returns: string;
  hasReturns: boolean;
  comments: DocComment[];
}

function at(t: Token): Pos {
  return { line: t.line, col: t.col };
}

function describe(t: Token): string {
  if (t.kind === 'eof') return 'end of file';
  return `"${t.text}"`;
}

class Parser {
  private i = 0;
  private commentIx = 0;

  constructor(
    private readonly tokens: readonly Token[],
    private readonly comments: readonly DocComment[],
    private readonly report: (pos: Pos, message: string) => void,
  ) {}

  private cur(): Token {
    return this.tokens[this.i] ?? this.tokens[this.tokens.length - 1]!;
  }

  private next(): Token {
    const t = this.cur();
    if (t.kind !== 'eof') this.i++;
    return t;
  }

  private is(text: string): boolean {
    return this.cur().kind === 'punct' && this.cur().text === text;
  }

  private fail(expected: string): never {
    throw new SyntaxError_(at(this.cur()), `expected ${expected}, found ${describe(this.cur())}`);
  }

  private expectPunct(text: string, what = `"${text}"`): Token {
    if (!this.is(text)) this.fail(what);
    return this.next();
  }

  private expectIdent(what: string): Token {
    if (this.cur().kind !== 'ident') this.fail(what);
    return this.next();
  }

  parseFile(): RawSyscall[] {
    const out: RawSyscall[] = [];
    while (this.cur().kind !== 'eof') {
      const start = this.i;
      try {
        if (!(this.cur().kind === 'ident' && this.cur().text === 'syscall')) this.fail('"syscall"');
        out.push(this.parseSyscall());
      } catch (e) {
        if (!(e instanceof SyntaxError_)) throw e;
        this.report(e.pos, e.message);
        this.recover(start);
        // Doc comments before a declaration that failed belong to nothing now.
        this.takeComments(this.i - 1);
      }
    }
    this.leftoverComments();
    return out;
  }

  /** Skip to just after the next `;`, or to the next `syscall` keyword, whichever comes first. */
  private recover(start: number): void {
    if (this.i === start) this.next();
    while (this.cur().kind !== 'eof') {
      if (this.cur().kind === 'ident' && this.cur().text === 'syscall') return;
      if (this.next().text === ';') return;
    }
  }

  /** `#^` / `#!` comments before token index `upTo`, not yet attached to a syscall. */
  private takeComments(upTo: number): DocComment[] {
    const taken: DocComment[] = [];
    while (this.commentIx < this.comments.length && (this.comments[this.commentIx]?.before ?? Infinity) <= upTo) {
      taken.push(this.comments[this.commentIx]!);
      this.commentIx++;
    }
    return taken;
  }

  private leftoverComments(): void {
    for (const c of this.takeComments(Infinity)) {
      this.report({ line: c.line, col: c.markerCol }, `"#${c.kind}" comment is not followed by a syscall`);
    }
  }

  private parseSyscall(): RawSyscall {
    this.next();
    const comments = this.takeComments(this.i - 1);
    const nameTok = this.expectIdent('a syscall name');
    const sc: RawSyscall = {
      name: nameTok.text,
      pos: at(nameTok),
      words: [],
      params: [],
      returns: 'void',
      hasReturns: false,
      comments,
    };
    while (this.cur().kind === 'ident') {
      const w = this.next();
      sc.words.push({ word: w.text, pos: at(w) });
    }
    this.expectPunct('(', '"(" or an attribute word');
    sc.params.push(...this.parseParamList(false));
    this.expectPunct(')');
    if (this.cur().kind === 'ident' && this.cur().text === 'returns') {
      this.next();
      sc.hasReturns = true;
      this.expectPunct('(', '"(" after "returns"');
      if (!this.is(')')) {
        const ret = this.expectIdent('a return type');
        sc.returns = ret.text;
        if (this.cur().kind === 'ident') this.fail('"," or ")" after the return type');
        if (this.is('[')) this.fail('"," or ")" (a return type cannot be an array)');
        if (this.is(',')) {
          this.next();
          sc.params.push(...this.parseParamList(true));
        }
      }
      this.expectPunct(')');
    }
    this.expectPunct(';', sc.hasReturns ? '";"' : '"returns" or ";"');
    return sc;
  }

  /** One or more params separated by `,`; stops before `)`. Empty when `)` comes first. */
  private parseParamList(isReturn: boolean): RawParam[] {
    const params: RawParam[] = [];
    if (this.is(')') && !isReturn) return params;
    for (;;) {
      params.push(this.parseParam(isReturn));
      if (!this.is(',')) break;
      this.next();
    }
    return params;
  }

  private parseParam(isReturn: boolean): RawParam {
    const name = this.expectIdent(isReturn ? 'an output name' : 'a parameter name or ")"');
    this.expectPunct(':', `":" after "${name.text}"`);
    const type = this.expectIdent(`the type of "${name.text}"`);
    const p: RawParam = { name: name.text, type: type.text, words: [], isReturn, pos: at(name) };
    if (this.is('[')) {
      this.next();
      const sizePos = at(this.cur());
      const terms: (string | number)[] = [];
      for (;;) {
        const t = this.cur();
        if (t.kind === 'ident') terms.push(t.text);
        else if (t.kind === 'number') terms.push(Number(t.text));
        else this.fail(terms.length === 0 ? 'an array size (a number or a parameter name)' : 'a number or a parameter name after "*"');
        this.next();
        if (!this.is('*')) break;
        this.next();
      }
      this.expectPunct(']', '"]" or "*"');
      p.size = { terms, pos: sizePos };
    }
    while (this.cur().kind === 'ident') {
      const w = this.next();
      p.words.push({ word: w.text, pos: at(w) });
    }
    if (!this.is(',') && !this.is(')')) this.fail(`"," or ")" after "${name.text}"`);
    return p;
  }
}

// ---- checking -----------------------------------------------------------------------

function isAttribute(w: string): w is Attribute {
  return (ATTRIBUTES as readonly string[]).includes(w);
}

function isParamAttribute(w: string): w is ParamAttribute {
  return (PARAM_ATTRIBUTES as readonly string[]).includes(w);
}

/** Parses abigen text. `path` is only used in diagnostics. */
export function parseAbigen(text: string, path: string): AbigenFile {
  const diagnostics: Diagnostic[] = [];
  const report = (pos: Pos, message: string): void => {
    diagnostics.push({ file: path, line: pos.line, col: pos.col, message });
  };
  let raw: RawSyscall[] = [];
  try {
    const { tokens, comments } = lex(text, report);
    raw = new Parser(tokens, comments, report).parseFile();
  } catch (e) {
    // Defensive: the parser is written not to throw; if it ever does, it is still a diagnostic.
    report({ line: 1, col: 1 }, `cannot parse abigen: ${String(e)}`);
  }
  const syscalls: AbigenSyscall[] = [];
  const seen = new Map<string, Pos>();
  for (const r of raw) {
    const prev = seen.get(r.name);
    if (prev) {
      report(r.pos, `duplicate syscall "${r.name}" (first defined at ${path}:${prev.line}:${prev.col})`);
      continue;
    }
    seen.set(r.name, r.pos);
    syscalls.push(check(r, report));
  }
  return { syscalls, diagnostics: sortDiagnostics(diagnostics) };
}

function check(r: RawSyscall, report: (pos: Pos, message: string) => void): AbigenSyscall {
  if (!/^[a-z][a-z0-9_]*$/.test(r.name)) report(r.pos, `syscall name "${r.name}" must be lower_snake_case`);

  const attributes: Attribute[] = [];
  const strayAttributes: StrayWord[] = [];
  for (const { word, pos } of r.words) {
    if (!isAttribute(word)) {
      report(pos, `unknown syscall attribute "${word}"${didYouMean(word, ATTRIBUTES)} (expected one of: ${ATTRIBUTES.join(', ')})`);
      strayAttributes.push({ word, pos });
    } else if (attributes.includes(word)) report(pos, `attribute "${word}" is listed twice`);
    else attributes.push(word);
  }
  if (!r.hasReturns && !attributes.includes('noreturn')) {
    report(r.pos, `syscall "${r.name}" has no "returns (...)" clause and is not noreturn`);
  }

  const byName = new Map<string, RawParam>();
  for (const p of r.params) {
    if (byName.has(p.name)) report(p.pos, `duplicate parameter "${p.name}"`);
    else byName.set(p.name, p);
  }
  const params = r.params.map((p) => checkParam(p, byName, report));

  const summaryLines = r.comments.filter((c) => c.kind === '^');
  const rightsLines = r.comments.filter((c) => c.kind === '!');
  const first = summaryLines[0];
  const firstRights = rightsLines[0];
  return {
    name: r.name,
    pos: r.pos,
    attributes,
    strayAttributes,
    params,
    returns: r.returns,
    hasReturns: r.hasReturns,
    ...(first
      ? {
          summary: summaryLines.map((c) => c.text).filter((t) => t !== '').join(' '),
          summaryPos: { line: first.line, col: first.col },
        }
      : {}),
    ...(firstRights
      ? {
          ...parseRights(rightsLines, params, report),
          rightsPos: { line: firstRights.line, col: firstRights.markerCol },
        }
      : {}),
  };
}

function checkParam(p: RawParam, byName: ReadonlyMap<string, RawParam>, report: (pos: Pos, message: string) => void): AbigenParam {
  const attributes: ParamAttribute[] = [];
  const stray: StrayWord[] = [];
  for (const { word, pos } of p.words) {
    if (!isParamAttribute(word)) {
      report(pos, `unknown attribute "${word}" on parameter "${p.name}"${didYouMean(word, PARAM_ATTRIBUTES)} (expected one of: ${PARAM_ATTRIBUTES.join(', ')})`);
      stray.push({ word, pos });
      continue;
    }
    if (attributes.includes(word)) {
      report(pos, `attribute "${word}" is listed twice on "${p.name}"`);
      continue;
    }
    if (DIRECTION_WORDS.includes(word) && attributes.some((a) => DIRECTION_WORDS.includes(a))) {
      report(pos, `"${p.name}" has more than one of IN, OUT, INOUT`);
      continue;
    }
    if (HANDLE_WORDS.includes(word) && attributes.some((a) => HANDLE_WORDS.includes(a))) {
      report(pos, `"${p.name}" has more than one of ${HANDLE_WORDS.join(', ')}`);
      continue;
    }
    attributes.push(word);
  }
  const at = (w: ParamAttribute): Pos => p.words.find((x) => x.word === w)?.pos ?? p.pos;
  let dir: Direction = 'in';
  if (p.isReturn) {
    dir = 'out';
    for (const w of ['IN', 'INOUT'] as const) {
      if (attributes.includes(w)) report(at(w), `"${w}" on "${p.name}": outputs listed in returns (...) are OUT`);
    }
  } else if (attributes.includes('OUT')) dir = 'out';
  else if (attributes.includes('INOUT')) dir = 'inout';

  if (attributes.includes('optional') && dir === 'in') report(at('optional'), `"optional" applies only to outputs; "${p.name}" is an input`);
  const handleWord = attributes.find((a) => HANDLE_WORDS.includes(a));
  if (handleWord !== undefined) {
    if (p.type !== 'zx_handle_t') report(at(handleWord), `"${handleWord}" applies to zx_handle_t parameters; "${p.name}" is ${p.type}`);
    else if (handleWord === 'handle_acquire' && dir !== 'out') report(at(handleWord), `"handle_acquire" applies only to outputs; "${p.name}" is an input`);
    else if (handleWord !== 'handle_acquire' && dir === 'out') report(at(handleWord), `"${handleWord}" applies only to inputs; "${p.name}" is an output`);
  }

  if (p.size) {
    if (p.isReturn) report(p.size.pos, `output "${p.name}" in returns (...) cannot be an array`);
    for (const term of p.size.terms) {
      if (typeof term === 'number') continue;
      const ref = byName.get(term);
      if (!ref) report(p.size.pos, `array size "${term}" of "${p.name}" names no parameter${didYouMean(term, byName.keys())}`);
      else if (ref.name === p.name) report(p.size.pos, `array "${p.name}" cannot be sized by itself`);
    }
  }
  return {
    name: p.name,
    type: p.type,
    ...(p.size ? { size: p.size } : {}),
    attributes,
    stray,
    isReturn: p.isReturn,
    dir,
    pos: p.pos,
  };
}

/** The `#!` lines as one token stream, split into sentences and matched against the forms. */
function parseRights(
  lines: readonly DocComment[],
  params: readonly AbigenParam[],
  report: (pos: Pos, message: string) => void,
): { rights: AbigenSentence[]; rightsTokens: string[] } {
  const tokens: { text: string; pos: Pos }[] = [];
  for (const line of lines) {
    let from = 0;
    for (const t of tokenizeRights(line.text)) {
      const at = line.text.indexOf(t, from);
      tokens.push({ text: t, pos: { line: line.line, col: line.col + at } });
      from = at + t.length;
    }
  }
  const pieces: { text: string; pos: Pos }[][] = [];
  let current: { text: string; pos: Pos }[] = [];
  for (const t of tokens) {
    current.push(t);
    if (t.text === '.') {
      pieces.push(current);
      current = [];
    }
  }
  if (current.length > 0) {
    report(current[0]!.pos, `rights text does not end in ".": "${current.map((t) => t.text).join(' ')}"`);
  }
  const names = new Set(params.map((p) => p.name));
  const sentences: AbigenSentence[] = [];
  for (const piece of pieces) {
    const words = piece.map((t) => t.text);
    const pos = piece[0]!.pos;
    const parsed = parseSentence(words);
    if (!parsed) {
      report(pos, `rights sentence matches no form: "${renderPlain(words)}"`);
      continue;
    }
    if (parsed.clause) {
      const c = parsed.clause;
      const argAt = (name: string): Pos => piece[words.indexOf(name)]?.pos ?? pos;
      for (const name of [c.param, ...(c.when ? [c.when.param] : [])]) {
        if (!names.has(name)) report(argAt(name), `rights sentence names "${name}", which is not a parameter${didYouMean(name, names)}`);
      }
    }
    sentences.push({ tokens: words, form: parsed.form, clause: parsed.clause, pos, tokenPos: piece.map((t) => t.pos) });
  }
  if (sentences.length > 1 && sentences.some((s) => s.clause === null)) {
    const none = sentences.find((s) => s.clause === null)!;
    report(none.pos, `"None." cannot be combined with other rights sentences`);
  }
  return { rights: sentences, rightsTokens: tokens.map((t) => t.text) };
}

/** Tokens as abigen text: single spaces, with `.` and `,` attached to the word before. */
export function renderPlain(tokens: readonly string[]): string {
  return tokens.join(' ').replace(/ ([.,])/g, '$1');
}
