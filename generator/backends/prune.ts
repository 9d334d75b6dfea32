// Tree-shaking for emitted helper code: keep the declarations that `used` code names, and
// the ones those name in turn, so generated files carry no dead helpers (they compile under
// noUnusedLocals).

export interface Declaration {
  readonly name: string | undefined;
  readonly code: string;
}

/** The declarations reachable from `used` (and from those `seed` marks), in their order. */
export function keepUsed(decls: readonly Declaration[], used: string, seed: (d: Declaration) => boolean = () => false): Declaration[] {
  const keep = new Set<Declaration>(decls.filter(seed));
  let frontier = [used, ...[...keep].map((d) => d.code)].join('\n');
  for (;;) {
    const added = decls.filter((d) => d.name !== undefined && !keep.has(d) && new RegExp(`\\b${d.name}\\b`).test(frontier));
    if (added.length === 0) break;
    for (const d of added) keep.add(d);
    frontier = added.map((d) => d.code).join('\n');
  }
  return decls.filter((d) => keep.has(d) || d.name === undefined);
}
