import { readFileSync } from 'node:fs';
import { parseAbigen } from '../../generator/abigen/parse.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { it } from "vitest";
it("scratch", () => {
const text = readFileSync('/work/shared/abigen/syscalls.abigen', 'utf8');
const r = parseAbigen(text, 'syscalls.abigen');
console.log(r.syscalls.length);
for (const d of r.diagnostics) console.log(formatDiagnostic(d));
const types = new Set<string>();
const combos = new Map<string, number>();
for (const sc of r.syscalls) for (const p of sc.params) {
  types.add(p.type);
  const k = `${p.isReturn ? 'ret' : 'arg'} ${p.size ? 'arr' : 'scalar'} [${p.attributes.join(' ')}]`;
  combos.set(k, (combos.get(k) ?? 0) + 1);
}
console.log([...types].sort().join(' '));
console.log(combos);
console.log(r.syscalls.filter(s=>s.summary && /\s\s/.test(s.summary)).map(s=>s.name));
});
