// Backend: generated/stubs.ts — the `Syscalls` interface: one typed zx_<name> function per
// public syscall, with the C parameter list and TSDoc from the same record as the page.
import { StructureKind, type MethodSignatureStructure } from 'ts-morph';
import { stubDoc } from '../docs/stub-doc.js';
import type { Model } from '../model.js';
import { paths, stubName, tsHeader } from '../names.js';
import { publicSyscalls } from '../query.js';
import { paramTs, returnTs, typeIndex, usedTypeNames } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile } from './ts-file.js';

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
