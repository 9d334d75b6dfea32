// zxkit/runtime is a documented entry: every symbol it exports carries TSDoc, as do the public
// members of the classes a core extends or calls (Kernel, Process, KernelObject, HandleTable).
import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import { repoRoot } from '../generator/helpers.js';

const entry = join(repoRoot, 'runtime', 'index.ts');
const program = ts.createProgram([entry], { module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext, target: ts.ScriptTarget.ES2022, noEmit: true });
const checker = program.getTypeChecker();
const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(program.getSourceFile(entry)!)!);
const resolve = (s: ts.Symbol) => (s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);
const documented = (s: ts.Symbol) => ts.displayPartsToString(s.getDocumentationComment(checker)).trim() !== '';

it('documents every export of zxkit/runtime', () => {
  expect(exports.length).toBeGreaterThan(20);
  const missing = exports.filter((s) => !documented(resolve(s))).map((s) => s.name);
  expect(missing).toEqual([]);
});

it('documents the public members of the classes a core uses', () => {
  const missing: string[] = [];
  for (const name of ['Kernel', 'Process', 'KernelObject', 'HandleTable', 'HandleArena', 'Handle', 'SignalObserver']) {
    const cls = resolve(exports.find((s) => s.name === name)!);
    for (const [member, sym] of cls.members ?? new Map<ts.__String, ts.Symbol>()) {
      const decl = sym.declarations?.[0];
      const flags = decl ? ts.getCombinedModifierFlags(decl as ts.Declaration) : 0;
      if (flags & (ts.ModifierFlags.Private | ts.ModifierFlags.Protected) || String(member).startsWith('__')) continue;
      if (!documented(sym)) missing.push(`${name}.${String(member)}`);
    }
  }
  expect(missing).toEqual([]);
});
