// The statuses each syscall documents, read from the definitions (the source of truth), not
// from the generated wrappers: ZX_OK plus every status of the syscall's `errors` list.
import { join } from 'node:path';
import { defsSources, loadModel, packageRoot } from '../generator/pipeline.js';

export type Documented = ReadonlyMap<string, ReadonlySet<number>>;

export function documentedStatuses(defsDir = join(packageRoot(), 'defs')): Map<string, Set<number>> {
  const { model, diagnostics } = loadModel(defsSources(defsDir));
  if (!model) throw new Error(`cannot load ${defsDir}: ${diagnostics.map((d) => d.message).join('; ')}`);
  const value = new Map(model.constants.filter((c) => c.constKind === 'status').map((c) => [c.name, Number(c.value)]));
  const out = new Map<string, Set<number>>();
  for (const sc of model.syscalls) {
    out.set(`zx_${sc.name}`, new Set([0, ...sc.errors.map((e) => value.get(e.status)!)]));
  }
  return out;
}

/** Status names by value, for reports. */
export function statusNames(defsDir = join(packageRoot(), 'defs')): Map<number, string> {
  const { model } = loadModel(defsSources(defsDir));
  return new Map((model?.constants ?? []).filter((c) => c.constKind === 'status').map((c) => [Number(c.value), c.name]));
}
