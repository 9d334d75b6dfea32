// The RIGHTS sentence forms of reference-pages.md §3.4, as one table used in both
// directions: the docs backend turns a RightsClause into a sentence, and the abigen
// importer turns a `#!` sentence back into a clause. Keeping a single table means the
// two directions cannot drift apart.
import type { Condition, RightsClause } from '../model.js';

/** A clause without its source position, which only the loader or importer knows. */
export type ClauseShape = Omit<RightsClause, 'source'>;

/**
 * What a slot holds and how it renders:
 * arg/cond/member as `*x*`; value/type/right/rsrc as `**X**`; field as a plain word
 * (the 2018 form 15 spelled `wr_handles` as a literal token).
 */
export type SlotKind = 'arg' | 'cond' | 'value' | 'type' | 'right' | 'rsrc' | 'member' | 'field';

export interface SentenceForm {
  /** 1–15: the 2018 table, in its first-match order. 16+: zxkit additions (§3.8). */
  readonly id: number;
  /** Tokens separated by single spaces; `$kind` marks a slot. */
  readonly pattern: string;
  /** `none` is the bare "None." sentence, which stands for `rights: none`. */
  readonly scope: RightsClause['scope'] | 'none';
  readonly op?: Condition['op'];
}

export const SENTENCE_FORMS: readonly SentenceForm[] = [
  { id: 1, scope: 'none', pattern: 'None .' },
  { id: 2, scope: 'self', pattern: '$arg must have $right .' },
  { id: 3, scope: 'self', pattern: '$arg must have resource kind $rsrc .' },
  { id: 4, scope: 'self', pattern: '$arg must be of type $type .' },
  { id: 5, scope: 'self', pattern: '$arg must be of type $type and have $right and have $right .' },
  { id: 6, scope: 'self', pattern: '$arg must be of type $type and have $right .' },
  { id: 7, scope: 'self', pattern: '$arg must be of type $type or $type and have $right .' },
  { id: 8, scope: 'self', op: 'is', pattern: 'If $cond is $value , $arg must have $right .' },
  { id: 9, scope: 'self', op: 'is', pattern: 'If $cond is $value , $arg must have resource kind $rsrc .' },
  { id: 10, scope: 'self', op: 'is', pattern: 'If $cond is $value , $arg must be of type $type .' },
  {
    id: 11,
    scope: 'self',
    op: 'is',
    pattern: 'If $cond is $value , $arg must be of type $type and have $right .',
  },
  {
    id: 12,
    scope: 'self',
    op: '&',
    pattern: 'If $cond & $value , $arg must be of type $type and have $right .',
  },
  { id: 13, scope: 'each', pattern: 'Every entry of $arg must have $right .' },
  { id: 14, scope: 'entry_field', pattern: 'Every entry of $arg must have a $member field with $right .' },
  { id: 15, scope: 'field', pattern: 'All $field of $arg must have $right .' },
  // Several rights without a type; the later FIDL tool accepted up to four (§3.8).
  { id: 16, scope: 'self', pattern: '$arg must have $right and have $right .' },
  { id: 17, scope: 'self', pattern: '$arg must have $right and have $right and have $right .' },
  {
    id: 18,
    scope: 'self',
    pattern: '$arg must have $right and have $right and have $right and have $right .',
  },
];

/** One token of a sentence: a literal word or punctuation, or a filled slot. */
export interface SentenceToken {
  readonly text: string;
  readonly slot?: SlotKind;
}

const SLOT_KINDS: readonly SlotKind[] = ['arg', 'cond', 'value', 'type', 'right', 'rsrc', 'member', 'field'];

function slotOf(patternToken: string): SlotKind | undefined {
  if (!patternToken.startsWith('$')) return undefined;
  const kind = SLOT_KINDS.find((k) => k === patternToken.slice(1));
  if (kind === undefined) throw new Error(`rights form: unknown slot ${patternToken}`);
  return kind;
}

function patternTokens(form: SentenceForm): string[] {
  return form.pattern.split(' ');
}

function countSlots(form: SentenceForm, kind: SlotKind): number {
  return patternTokens(form).filter((t) => slotOf(t) === kind).length;
}

/** The first form that can express `clause`, or undefined (the validator reports it). */
export function sentenceFormFor(clause: ClauseShape): SentenceForm | undefined {
  return SENTENCE_FORMS.find(
    (form) =>
      form.scope === clause.scope &&
      form.op === clause.when?.op &&
      countSlots(form, 'type') === clause.types.length &&
      countSlots(form, 'right') === clause.rights.length &&
      countSlots(form, 'rsrc') === (clause.resource === undefined ? 0 : 1),
  );
}

/** The sentence tokens for a clause, or undefined when no form expresses it. */
export function clauseTokens(clause: ClauseShape): SentenceToken[] | undefined {
  const form = sentenceFormFor(clause);
  if (form === undefined) return undefined;
  const types = [...clause.types];
  const rights = [...clause.rights];
  const fill = (kind: SlotKind): string => {
    switch (kind) {
      case 'arg':
        return clause.param;
      case 'cond':
        return required(clause.when?.param, kind, clause);
      case 'value':
        return required(clause.when?.value, kind, clause);
      case 'type':
        return required(types.shift(), kind, clause);
      case 'right':
        return required(rights.shift(), kind, clause);
      case 'rsrc':
        return required(clause.resource, kind, clause);
      case 'member':
      case 'field':
        return required(clause.field, kind, clause);
      default:
        return assertNever(kind);
    }
  };
  return patternTokens(form).map((t) => {
    const slot = slotOf(t);
    return slot === undefined ? { text: t } : { text: fill(slot), slot };
  });
}

function required(value: string | undefined, kind: SlotKind, clause: ClauseShape): string {
  if (value === undefined) throw new Error(`rights clause for "${clause.param}" has no value for $${kind}`);
  return value;
}

function assertNever(x: never): never {
  throw new Error(`unexpected value ${String(x)}`);
}

// ---- the other direction: `#!` text to clauses -------------------------------------

/** abigen's tokens: identifier runs or single punctuation characters (plus `->`). */
export function tokenizeRights(text: string): string[] {
  return text.match(/->|[A-Za-z0-9_]+|[^\sA-Za-z0-9_]/g) ?? [];
}

/** Splits a token stream at every `.`; a trailing piece without `.` is an error, as in 2018. */
export function splitSentences(tokens: readonly string[]): string[][] {
  const sentences: string[][] = [];
  let current: string[] = [];
  for (const t of tokens) {
    current.push(t);
    if (t === '.') {
      sentences.push(current);
      current = [];
    }
  }
  if (current.length > 0) throw new Error(`rights sentence does not end in ".": ${current.join(' ')}`);
  return sentences;
}

// The 2018 tool checked RIGHT/TYPE/RSRC against hard-coded lists; here the prefix is
// checked and the importer checks the names against the model's constants.
const SLOT_ACCEPTS: Readonly<Record<SlotKind, (token: string) => boolean>> = {
  arg: isIdentifier,
  cond: isIdentifier,
  member: isIdentifier,
  field: isIdentifier,
  value: () => true,
  type: (t) => /^ZX_OBJ_TYPE_[A-Z0-9_]+$/.test(t),
  right: (t) => /^ZX_RIGHT_[A-Z0-9_]+$/.test(t),
  rsrc: (t) => /^ZX_RSRC_KIND_[A-Z0-9_]+$/.test(t),
};

function isIdentifier(t: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(t);
}

export interface ParsedSentence {
  readonly form: SentenceForm;
  /** null for "None." */
  readonly clause: ClauseShape | null;
}

/** Matches one sentence (tokens ending in `.`) against the forms; first match wins. */
export function parseSentence(tokens: readonly string[]): ParsedSentence | undefined {
  for (const form of SENTENCE_FORMS) {
    const pattern = patternTokens(form);
    if (pattern.length !== tokens.length) continue;
    const slots: { kind: SlotKind; text: string }[] = [];
    const matches = pattern.every((p, i) => {
      const token = tokens[i] ?? '';
      const kind = slotOf(p);
      if (kind === undefined) return p === token;
      slots.push({ kind, text: token });
      return SLOT_ACCEPTS[kind](token);
    });
    if (matches) return { form, clause: form.scope === 'none' ? null : buildClause(form, form.scope, slots) };
  }
  return undefined;
}

function buildClause(
  form: SentenceForm,
  scope: RightsClause['scope'],
  slots: readonly { kind: SlotKind; text: string }[],
): ClauseShape {
  const all = (kind: SlotKind): string[] => slots.filter((s) => s.kind === kind).map((s) => s.text);
  const one = (kind: SlotKind): string | undefined => all(kind)[0];
  const param = one('arg') ?? '';
  const field = one('member') ?? one('field');
  const resource = one('rsrc');
  const condParam = one('cond');
  const value = one('value');
  const when: Condition | undefined =
    form.op === undefined || condParam === undefined || value === undefined
      ? undefined
      : { param: condParam, op: form.op, value };
  return {
    param,
    scope,
    types: all('type'),
    rights: all('right'),
    ...(field === undefined ? {} : { field }),
    ...(resource === undefined ? {} : { resource }),
    ...(when === undefined ? {} : { when }),
  };
}
