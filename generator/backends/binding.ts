// Backend: generated/binding.ts — the interface the hand-written kernel core implements.
// One method per syscall; handle inputs arrive resolved, so a missing or mistyped handler
// is a compile error in runtime/, never a runtime surprise.
import { StructureKind, type MethodSignatureStructure } from 'ts-morph';
import type { Model, ParamDef, SyscallDef } from '../model.js';
import { handlerName, objTypeKey, paths, provenance, stubName, tsHeader } from '../names.js';
import { knownType, objectTypes, structHandleArgs } from '../query.js';
import { paramTs, returnTs, typeIndex, usedTypeNames, type TypeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile } from './ts-file.js';

export function handlerParamTs(ix: TypeIndex, sc: SyscallDef, p: ParamDef): string {
  const h = p.handle;
  if (!h || h.lookup === 'core' || h.field) return paramTs(ix, p);
  if (h.ownership === 'acquire') return `Box<T['handle'] | null>`;
  if (p.count !== undefined) return `T['handle'][]`;
  const t = knownType(sc, p);
  const base = t ? `T['typed']['${objTypeKey(t)}']` : `T['handle']`;
  return h.invalidOk ? `${base} | null` : base;
}

export const emitBinding: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const objTypes = objectTypes(model);
  // Only implemented syscalls need a handler; the others get a generated NOT_SUPPORTED default.
  const methods: MethodSignatureStructure[] = model.syscalls.filter((sc) => sc.implemented).map((sc) => ({
    kind: StructureKind.MethodSignature,
    name: handlerName(sc),
    docs: [`Core of \`${stubName(sc)}\`${sc.attributes.includes('internal') ? ' (internal)' : ''}. ${provenance('syscall', sc.name, sc.source)}`],
    parameters: [
      { name: 'proc', type: `T['process']` },
      ...sc.params.map((p) => ({ name: p.name, type: handlerParamTs(ix, sc, p) })),
      ...structHandleArgs(sc).map((a) => ({ name: a.name, type: `T['handle'][]` })),
    ],
    returnType: returnTs(ix, sc),
  }));
  const imports = usedTypeNames(ix, methods.flatMap((m) => (m.parameters ?? []).map((p) => String(p.type))));
  return [tsFile(paths.binding, tsHeader(options.command, 'The binding between generated wrappers and the kernel core.'), [
    `import type { Box${imports.length ? ', ' + imports.join(', ') : ''} } from './types.js';`,
    {
      kind: StructureKind.Interface, isExported: true, name: 'HandleLike',
      docs: ['What the wrappers read of a handle record: its rights, its object\'s type, and that object\'s peer if it has one.'],
      properties: [
        { name: 'rights', isReadonly: true, type: 'number' },
        { name: 'object', isReadonly: true, type: '{ readonly type: number; readonly peer?: unknown }' },
      ],
    },
    {
      kind: StructureKind.Interface, isExported: true, name: 'CoreTypes',
      docs: ['The kernel core\'s own types: its process, its handle record, and handles known to be of one object type.'],
      properties: [
        { name: 'process', type: 'unknown' },
        { name: 'handle', type: 'HandleLike' },
        { name: 'typed', type: `{\n${objTypes.map((c) => `    ${objTypeKey(c.name)}: HandleLike;`).join('\n')}\n  }` },
      ],
    },
    {
      kind: StructureKind.Interface, isExported: true, name: 'ProcessAbi', typeParameters: ['H'],
      docs: ['What a wrapper needs from the calling process\'s handle table.'],
      methods: [
        { name: 'lookup', parameters: [{ name: 'value', type: 'number' }], returnType: 'H | null', docs: ['The live handle for `value` in this process, or null. No side effects.'] },
        { name: 'take', parameters: [{ name: 'value', type: 'number' }], returnType: 'H | null', docs: ['Remove `value` from the table without closing it; null if it is not live.'] },
        { name: 'close', parameters: [{ name: 'handle', type: 'H' }], returnType: 'void', docs: ['Close a handle that is in no table.'] },
        { name: 'install', parameters: [{ name: 'handle', type: 'H' }], returnType: 'number', docs: ['Install a handle in this process; returns its value.'] },
      ],
    },
    {
      kind: StructureKind.Interface, isExported: true, name: 'SyscallHandlers',
      typeParameters: [{ name: 'T', constraint: 'CoreTypes' }],
      docs: [[
        'The kernel core: one method per syscall, called after the wrapper has validated arguments, resolved and checked handles, and taken consumed ones.',
        '',
        'Ownership: a `release_always` handle arrives already taken out of the table. On ZX_OK the core owns it; on any other',
        'status the wrapper closes it. A core that hands a taken handle array on and then fails (channel_call sends, then',
        'times out) empties that array first, so the wrapper closes only what it still holds. An `acquire` output is a box',
        'the core fills with a new handle; the wrapper installs it only on ZX_OK and closes it otherwise.',
      ].join('\n')],
      methods,
    },
  ])];
};
