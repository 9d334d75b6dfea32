// Backend: generated/stubs.ts — the `Syscalls` interface: one typed zx_<name> function per
// public syscall, with the C parameter list and TSDoc from the same record as the page.
import { StructureKind, type MethodSignatureStructure } from 'ts-morph';
import { renderRights } from '../docs/rights.js';
import type { Model, SyscallDef } from '../model.js';
import { pageLink, paths, provenance, stubName, tsHeader } from '../names.js';
import { paramTs, scalarTs, typeIndex, usedTypeNames, type TypeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { docText, tsFile } from './ts-file.js';

export function returnTs(ix: TypeIndex, sc: SyscallDef): string {
  const r = scalarTs(ix, sc.returns);
  return sc.attributes.includes('blocking') ? `Promise<${r}>` : r;
}

export function stubDoc(sc: SyscallDef): string {
  const lines = [docText(sc.summary), ''];
  const rights = renderRights(sc, 'seed');
  lines.push('Rights:', ...rights.map((r) => `- ${r}`), '');
  if (sc.errors.length) {
    lines.push('Errors:');
    for (const e of sc.errors) lines.push(`- **${e.status}** ${docText(e.text).replace(/\n/g, ' ')}`);
    lines.push('');
  }
  lines.push(pageLink(sc));
  lines.push(provenance('syscall', sc.name, sc.source));
  return lines.join('\n');
}

/** Syscalls that get a public stub: internal ones are the kernel's business. */
export function publicSyscalls(model: Model): SyscallDef[] {
  return model.syscalls.filter((s) => !s.attributes.includes('internal'));
}

export const emitStubs: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const methods: MethodSignatureStructure[] = publicSyscalls(model).map((sc) => ({
    kind: StructureKind.MethodSignature,
    name: stubName(sc),
    docs: [stubDoc(sc)],
    parameters: sc.params.map((p) => ({ name: p.name, type: paramTs(ix, p) })),
    returnType: returnTs(ix, sc),
  }));
  const typeNames = usedTypeNames(ix, methods.flatMap((m) => (m.parameters ?? []).map((p) => String(p.type))));
  return [tsFile(paths.stubs, tsHeader(options.command, 'Typed syscall stubs: the C ABI, one function per syscall.'), [
    ...(typeNames.length ? [`import type { ${typeNames.join(', ')} } from './types.js';`] : []),
    {
      kind: StructureKind.Interface,
      isExported: true,
      name: 'Syscalls',
      docs: ['The syscall surface of one process, in C parameter order. Get it from `process.syscalls`.'],
      methods,
    },
  ])];
};
