// The README's TypeScript examples run as written: each block that imports 'zxkit' is saved as
// a module and imported, its console.log output is compared with the `// "..."` / `// value`
// comments beside the calls, and the quick-start example's handles are checked.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, expect, it, vi } from 'vitest';
import { ZX_ERR_BAD_HANDLE, ZX_OK } from 'zxkit';
import { repoRoot } from './generator/helpers.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
// Examples of the library (the tutorial's test block is run by the tutorial itself).
const blocks = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]).filter((b) => b.includes("from 'zxkit'") && !b.includes("from 'vitest'"));
const dir = join(repoRoot, 'test', '.readme-snippets');
mkdirSync(dir, { recursive: true });
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The names a block declares at top level (const a = ..., b = ...; const [x, y] = ...). */
function topLevelNames(code: string): string[] {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022);
  const out: string[] = [];
  const bind = (n: ts.BindingName) => {
    if (ts.isIdentifier(n)) out.push(n.text);
    else for (const e of n.elements) if (!ts.isOmittedExpression(e)) bind(e.name);
  };
  for (const st of sf.statements) if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) bind(d.name);
  return out;
}

/** What each console.log in a block is documented to print, from its trailing comment. */
function expectedLogs(code: string): string[] {
  return [...code.matchAll(/console\.log\(.*\);\s*\/\/ ("[^"]*"|\S+)/g)].map((m) => m[1].replace(/^"|"$/g, ''));
}

it('has examples to run', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
});

blocks.forEach((code, i) => {
  it(`runs README example ${i + 1} as written`, async () => {
    const file = join(dir, `example-${i + 1}.ts`);
    // Export the example's top-level bindings so the test can look at what it produced.
    const names = topLevelNames(code);
    writeFileSync(file, `${code}\nexport { ${names.join(', ')} };\n`);
    const logs: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
    let mod: Record<string, unknown>;
    try {
      mod = (await import(file)) as Record<string, unknown>;
    } finally {
      spy.mockRestore();
    }
    expect(logs).toEqual(expectedLogs(code));
    if (code.includes('zx_socket_create(ZX_SOCKET_HAS_ACCEPT, a, b)')) {
      const { a, b, sys } = mod as { a: { value: number }; b: { value: number }; sys: { zx_handle_close(h: number): number } };
      for (const h of [a.value, b.value]) {
        expect(h % 2).toBe(1); // valid handle values are odd
        expect(sys.zx_handle_close(h)).toBe(ZX_OK);
        expect(sys.zx_handle_close(h)).toBe(ZX_ERR_BAD_HANDLE);
      }
    }
  });
});
