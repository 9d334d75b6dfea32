// Stage 3b: checks over the whole model that keep generated output honest: every status the
// generated wrapper itself can return is documented (so a page never hides one), every rights
// clause fits a RIGHTS sentence form, and prototypes stay inside the proven 80-column range.
import { sentenceFormFor } from './docs/rights-forms.js';
import { PAGE_STYLES, type DocsStyle } from './docs/styles.js';
import { paramDecl } from './docs/synopsis.js';
import type { Diagnostic } from './diagnostics.js';
import type { Model, SyscallDef } from './model.js';
import { stubName } from './names.js';
import { planStatuses, plans } from './plan.js';
import { linked, rightsClauses } from './query.js';

const MAX_NAME = 60;
const MAX_PARAM_DECL = 60;

/**
 * An output handle must not carry more rights than the input it comes from, unless the
 * definition says so: a syscall that takes handles and returns one declares either
 * `rights_from: <input>` (the wrapper then checks the bound on every call) or `escalates: true`.
 */
function escalation(sc: SyscallDef, diags: Diagnostic[]): void {
  const inputs = sc.params.filter((p) => p.handle !== undefined && p.handle.ownership !== 'acquire' && p.count === undefined && !p.handle.field);
  if (inputs.length === 0) return;
  for (const p of sc.params) {
    const h = p.handle;
    if (h?.ownership !== 'acquire' || h.lookup !== 'wrapper' || h.rightsFrom !== undefined || h.escalates) continue;
    diags.push({
      ...p.source,
      message: `output handle "${p.name}" of ${sc.name} may carry more rights than ${inputs.map((i) => `"${i.name}"`).join(' or ')}: ` +
        `declare handle: { rights_from: ${inputs[0].name} } to bound it, or handle: { escalates: true }`,
    });
  }
}

export function lint(model: Model, diags: Diagnostic[]): void {
  // Every generated wrapper returns ZX_OK, and tests for success as 0.
  const ok = linked(model).constants.get('ZX_OK');
  if (model.syscalls.length > 0 && (ok === undefined || ok.constKind !== 'status' || Number(ok.value) !== 0)) {
    const at = ok?.source ?? model.syscalls[0]!.source;
    diags.push({ ...at, message: 'the generated wrappers need ZX_OK, a status constant equal to 0' });
  }
  const planned = plans(model);
  for (const [i, sc] of model.syscalls.entries()) {
    const at = sc.source;
    if (stubName(sc).length > MAX_NAME) {
      diags.push({ ...at, message: `syscall name ${stubName(sc)} is longer than ${MAX_NAME} characters (the SYNOPSIS wrap rule is proven only up to ${MAX_NAME})` });
    }
    for (const p of sc.params) {
      const decl = paramDecl(p);
      if (decl.length > MAX_PARAM_DECL) {
        diags.push({ ...p.source, message: `parameter declaration "${decl}" is longer than ${MAX_PARAM_DECL} characters` });
      }
    }
    for (const c of rightsClauses(sc)) {
      if (!sentenceFormFor(c)) diags.push({ ...c.source, message: `rights clause for "${c.param}" fits no RIGHTS sentence form` });
    }
    escalation(sc, diags);
    if (sc.attributes.includes('internal')) continue;
    const documented = new Set(sc.errors.map((e) => e.status));
    if (!sc.implemented && !documented.has('ZX_ERR_NOT_SUPPORTED')) {
      diags.push({ ...at, message: `syscall ${sc.name} is not implemented (implemented: false), so it must document ZX_ERR_NOT_SUPPORTED` });
    }
    for (const st of planStatuses(planned[i]!)) {
      if (st === 'ZX_ERR_NOT_SUPPORTED' && !sc.implemented) continue; // reported above
      if (!documented.has(st)) {
        diags.push({ ...at, message: `syscall ${sc.name} can return ${st} from its generated checks but does not document it in "errors"` });
      }
    }
    const seen = new Set<string>();
    for (const e of sc.errors) {
      if (seen.has(e.status)) diags.push({ ...at, message: `syscall ${sc.name} documents ${e.status} twice` });
      seen.add(e.status);
    }
  }
}

/** What a page style needs of the definitions: the seed style's NAME is the summary sentence. */
export function lintForStyle(model: Model, style: DocsStyle, diags: Diagnostic[]): void {
  if (!PAGE_STYLES[style].needsSummary) return;
  for (const sc of model.syscalls) {
    if (sc.summary !== '') continue;
    diags.push({
      ...sc.source,
      message: `syscall ${sc.name} has no "summary": add one sentence for the NAME of its page ` +
        `(only --docs-style abigen-2018 accepts a syscall without one)`,
    });
  }
}
