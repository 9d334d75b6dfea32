// Backend: generated/constants.ts — every constant by its Zircon name, plus name tables.
import { StructureKind, VariableDeclarationKind, type VariableStatementStructure } from 'ts-morph';
import type { ConstantDef, Model } from '../model.js';
import { paths, syscallNumberName, tsHeader } from '../names.js';
import type { Backend } from './backend.js';
import { docText, tsFile, type Statement } from './ts-file.js';

const HEX_KINDS = new Set(['right', 'signal', 'option', 'packet_type']);

export function literal(c: ConstantDef): string {
  if (typeof c.value === 'bigint') return `${c.value}n`;
  if (HEX_KINDS.has(c.constKind) && c.value > 0) return `0x${c.value.toString(16).toUpperCase()}`;
  return String(c.value);
}

export const emitConstants: Backend = (model: Model, options) => {
  const statements: Statement[] = [];
  let group = '';
  for (const c of model.constants) {
    if (c.group !== group) {
      group = c.group;
      statements.push(`\n// ${group} (${c.type})`);
    }
    const decl: VariableStatementStructure = {
      kind: StructureKind.VariableStatement,
      isExported: true,
      declarationKind: VariableDeclarationKind.Const,
      declarations: [{ name: c.name, initializer: literal(c) }],
    };
    if (c.members) decl.docs = [docText(c.members.join(' | '))];
    if (c.aliasOf) decl.docs = [docText(`Alias of ${c.aliasOf}.`)];
    statements.push(decl);
  }
  const numbered = model.syscalls.filter((sc) => sc.number !== undefined);
  if (numbered.length) {
    statements.push('\n// syscall numbers, stable across regenerations (defs/syscalls.lock.json)');
    for (const sc of [...numbered].sort((a, b) => (a.number ?? 0) - (b.number ?? 0))) {
      statements.push({
        kind: StructureKind.VariableStatement,
        isExported: true,
        declarationKind: VariableDeclarationKind.Const,
        declarations: [{ name: syscallNumberName(sc), initializer: String(sc.number) }],
      });
    }
  }
  statements.push('\n/** Status names by value, for messages. */');
  statements.push({
    kind: StructureKind.VariableStatement,
    isExported: true,
    declarationKind: VariableDeclarationKind.Const,
    declarations: [{
      name: 'ZX_STATUS_NAMES',
      type: 'Readonly<Record<number, string>>',
      // An alias would repeat its target's key.
      initializer: `{\n${model.constants.filter((c) => c.constKind === 'status' && c.aliasOf === undefined)
        .map((c) => `  [${c.value}]: '${c.name}',`).join('\n')}\n}`,
    }],
  });
  return [tsFile(paths.constants, tsHeader(options.command, 'Constants: status codes, rights, object types, signals, options.'), statements)];
};
