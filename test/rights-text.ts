// Test helper: `#!` rights text (as in syscalls.abigen) to the model's rights, through the
// same sentence-form table the renderer and the importer use.
import { parseSentence, splitSentences, tokenizeRights, type ClauseShape } from '../generator/docs/rights-forms.js';
import type { SourcePos, SyscallDef } from '../generator/model.js';

export function abigenRights(text: string | null, source: SourcePos): SyscallDef['rights'] {
  if (text === null) return undefined;
  const parsed = splitSentences(tokenizeRights(text)).map((s) => {
    const p = parseSentence(s);
    if (p === undefined) throw new Error(`unparsed rights sentence: ${s.join(' ')}`);
    return p.clause;
  });
  if (parsed.length === 1 && parsed[0] === null) return 'none';
  return parsed.map((c: ClauseShape | null) => {
    if (c === null) throw new Error('None. mixed with other sentences');
    return { ...c, source };
  });
}
