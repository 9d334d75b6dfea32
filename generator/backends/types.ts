// Backend: generated/types.ts — C type aliases and plain-data struct interfaces.
import { StructureKind } from 'ts-morph';
import type { Model } from '../model.js';
import { paths, provenance, tsHeader } from '../names.js';
import { fieldTs, scalarTs, typeIndex } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile, type Statement } from './ts-file.js';

export const emitTypes: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const statements: Statement[] = [];
  for (const t of model.types) {
    if (t.kind === 'any' || t.kind === 'void') continue;
    statements.push({
      kind: StructureKind.TypeAlias,
      isExported: true,
      name: t.name,
      type: scalarTs(ix, t.name),
      docs: [t.kind === 'int' ? `C \`${t.name}\`: ${t.signed ? 'signed' : 'unsigned'} ${t.bits}-bit${t.pointerSized ? ' (pointer-sized: 32-bit on wasm32)' : ''}.` : `C \`${t.name}\` (${t.kind}).`],
    });
  }
  for (const s of model.structs) {
    statements.push({
      kind: StructureKind.Interface,
      isExported: true,
      name: s.name,
      docs: [`C \`${s.name}\`, ${s.size} bytes. ${provenance('struct', s.name, s.source)}`],
      properties: s.fields.map((f) => ({
        name: f.name,
        type: fieldTs(ix, f),
        docs: [`offset ${f.offset}${f.pointer ? `, length in \`${f.pointer}\`` : ''}${f.count ? `, ${f.count} × ${f.type}` : ''}`],
      })),
    });
  }
  statements.push({
    kind: StructureKind.TypeAlias,
    isExported: true,
    name: 'Box',
    typeParameters: ['V'],
    type: '{ value: V }',
    docs: ['An out-parameter: the kernel writes `value` only where Zircon writes the C pointer.'],
  });
  return [tsFile(paths.types, tsHeader(options.command, 'C types and structs.'), statements)];
};
