// Stage 3b: checks over the whole model that keep generated output honest: every status the
// generated wrapper itself can return is documented (so a page never hides one), every rights
// clause fits a RIGHTS sentence form, and prototypes stay inside the proven 80-column range.
import { sentenceFormFor } from './docs/rights-forms.js';
import { paramDecl } from './docs/synopsis.js';
import type { Diagnostic } from './diagnostics.js';
import type { Model, SyscallDef } from './model.js';

const MAX_NAME = 60;
const MAX_PARAM_DECL = 60;

/** The statuses the generated wrapper can produce on its own for a syscall. */
export function wrapperStatuses(sc: SyscallDef): Set<string> {
  const out = new Set<string>();
  const clauses = sc.rights === 'none' || sc.rights === undefined ? [] : sc.rights;
  for (const p of sc.params) {
    const isHandleValue = p.handle !== undefined && p.count === undefined && !p.handle.field && p.handle.ownership !== 'acquire';
    if (isHandleValue) out.add('ZX_ERR_BAD_HANDLE');
    else out.add('ZX_ERR_INVALID_ARGS');
  }
  for (const step of sc.checks) {
    if (step.kind === 'check') out.add(step.error);
    else {
      const p = sc.params.find((x) => x.name === step.param);
      if (p?.handle?.lookup !== 'core') out.add('ZX_ERR_BAD_HANDLE');
    }
  }
  for (const c of clauses) {
    if (c.rights.length) out.add('ZX_ERR_ACCESS_DENIED');
    if (c.types.length) out.add('ZX_ERR_WRONG_TYPE');
  }
  return out;
}

export function lint(model: Model, diags: Diagnostic[]): void {
  for (const sc of model.syscalls) {
    const at = sc.source;
    if (`zx_${sc.name}`.length > MAX_NAME) {
      diags.push({ ...at, message: `syscall name zx_${sc.name} is longer than ${MAX_NAME} characters (the SYNOPSIS wrap rule is proven only up to ${MAX_NAME})` });
    }
    for (const p of sc.params) {
      const decl = paramDecl(p);
      if (decl.length > MAX_PARAM_DECL) {
        diags.push({ ...p.source, message: `parameter declaration "${decl}" is longer than ${MAX_PARAM_DECL} characters` });
      }
    }
    if (sc.rights !== 'none' && sc.rights !== undefined) {
      for (const c of sc.rights) {
        if (!sentenceFormFor(c)) diags.push({ ...c.source, message: `rights clause for "${c.param}" fits no RIGHTS sentence form` });
      }
    }
    if (sc.attributes.includes('internal')) continue;
    const documented = new Set(sc.errors.map((e) => e.status));
    if (!sc.implemented && !documented.has('ZX_ERR_NOT_SUPPORTED')) {
      diags.push({ ...at, message: `syscall ${sc.name} is not implemented (implemented: false), so it must document ZX_ERR_NOT_SUPPORTED` });
    }
    for (const st of wrapperStatuses(sc)) {
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
