// The README's TypeScript examples run as written: the blocks that import 'zxkit' are compiled
// together with the README's tsconfig.json (no error allowed), each emitted module is imported,
// its console.log output is compared with the `// "..."` / `// value` comments beside the calls,
// and the quick-start example's handles are checked.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { ZX_ERR_BAD_HANDLE, ZX_OK } from 'zxkit';
import { repoRoot } from './generator/helpers.js';
import { codeBlocks, expectedLogs, readme, readmeSection } from './readme-examples.js';

// Examples of the library (the tutorial's test block is run by the tutorial itself).
const blocks = codeBlocks(readme, 'ts').filter((b) => b.includes("from 'zxkit'") && !b.includes("from 'vitest'"));
const tsconfig = JSON.parse(codeBlocks(readmeSection('The idiomatic layer'), 'json')[0]) as { compilerOptions: object };
const dir = join(repoRoot, 'test', '.readme-snippets');
const files = blocks.map((_, i) => join(dir, `example-${i + 1}.ts`));
let diagnostics: string[] = [];

beforeAll(() => {
  mkdirSync(dir, { recursive: true });
  // Export each example's top-level bindings so the test can look at what it produced.
  blocks.forEach((code, i) => writeFileSync(files[i], `${code}\nexport { ${topLevelNames(code).join(', ')} };\n`));
  const { options, errors } = ts.convertCompilerOptionsFromJson(tsconfig.compilerOptions, dir);
  expect(errors).toEqual([]);
  // 'zxkit' is this repository's sources: the installed package is compiled by test/package.
  const program = ts.createProgram(files, { ...options, paths: { zxkit: [join(repoRoot, 'index.ts')] } });
  const host = ts.createCompilerHost(options);
  diagnostics = ts.getPreEmitDiagnostics(program).map((d) => ts.formatDiagnostic(d, host));
  for (const f of files) program.emit(program.getSourceFile(f));
}, 120_000);
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

it('has examples to run, one of them with `using`', () => {
  expect(blocks.length).toBeGreaterThanOrEqual(3);
  expect(blocks.some((b) => /\busing \w+ =/.test(b))).toBe(true);
});

it("compiles every example with the README's tsconfig.json", () => {
  expect(diagnostics).toEqual([]);
});

blocks.forEach((code, i) => {
  it(`runs README example ${i + 1} as compiled`, async () => {
    const logs: string[] = [];
    const spy = vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void logs.push(args.map(String).join(' ')));
    let mod: Record<string, unknown>;
    try {
      mod = (await import(files[i].replace(/\.ts$/, '.js'))) as Record<string, unknown>;
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

it('links only to headings it has (#anchors as GitHub makes them)', () => {
  const anchors = new Set<string>();
  let fenced = false;
  for (const line of readme.split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const h = !fenced && /^#{1,6} (.*)$/.exec(line);
    if (h) anchors.add(h[1]!.toLowerCase().replace(/[^\w\- ]/g, '').replace(/ /g, '-'));
  }
  const links = [...readme.matchAll(/\]\(#([^)]+)\)/g)].map((m) => m[1]!);
  expect(links.length).toBeGreaterThan(5);
  expect(links.filter((l) => !anchors.has(l))).toEqual([]);
});
