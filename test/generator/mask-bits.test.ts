// Every mask test the generated wrappers make holds at both ends of a 32-bit word: a right,
// an option tested by `when: has` and an `allowed` option at bit 0 and at bit 31. The wrappers
// are generated from a small definitions file, compiled, and called.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generate } from '../../generator/pipeline.js';
import { load, repoRoot } from './helpers.js';

const ERRORS = `    errors:
      - { status: ZX_ERR_BAD_HANDLE, text: Bad handle. }
      - { status: ZX_ERR_WRONG_TYPE, text: Not an event. }
      - { status: ZX_ERR_ACCESS_DENIED, text: A right is missing. }
      - { status: ZX_ERR_INVALID_ARGS, text: Bad argument. }
    description: d
    return_value: r
`;

const needs = (name: string, right: string) => `  ${name}:
    summary: Needs ${right}.
    params:
      - { name: handle, type: zx_handle_t }
    rights:
      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [${right}] }
${ERRORS}`;

const whenHas = (name: string, option: string) => `  ${name}:
    summary: Needs EDGE_RIGHT_LOW when ${option} is set.
    params:
      - { name: handle, type: zx_handle_t }
      - { name: options, type: uint32_t }
    rights:
      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [EDGE_RIGHT_LOW], when: { param: options, has: ${option} } }
    checks:
      - { param: options, allowed: [${option}], error: ZX_ERR_INVALID_ARGS }
      - handle
${ERRORS}`;

const EDGES = `constants:
  edge_rights:
    kind: right
    type: zx_rights_t
    values:
      EDGE_RIGHT_LOW: 0x1
      EDGE_RIGHT_TOP: 0x80000000
  edge_options:
    kind: option
    type: uint32_t
    values:
      EDGE_OPT_LOW: 0x1
      EDGE_OPT_TOP: 0x80000000
syscalls:
${needs('edge_low', 'EDGE_RIGHT_LOW')}${needs('edge_top', 'EDGE_RIGHT_TOP')}${whenHas('edge_when_low', 'EDGE_OPT_LOW')}${whenHas('edge_when_top', 'EDGE_OPT_TOP')}`;

type Call = (...args: number[]) => number;
const OK = 0;
const DENIED = -30;
const INVALID = -10;
const EVENT = 5;

let dir: string;
let syscalls: Record<string, Call>;
/** The rights of handle value 1, as the kernel core holds them. */
let rights = 0;

beforeAll(async () => {
  const { model, diagnostics } = load({ 'edge.yaml': EDGES });
  expect(diagnostics).toEqual([]);
  dir = mkdtempSync(join(tmpdir(), 'zxkit-mask-bits-'));
  // The wrappers import zxkit's support module; it is compiled beside them.
  const support = { path: 'support.ts', content: readFileSync(join(repoRoot, 'support', 'wrappers.ts'), 'utf8') };
  for (const f of [support, ...generate(model!, { docsStyle: 'seed', command: 'x', supportModule: './support.js' })]) {
    if (f.path !== 'wrappers.ts' && f.path !== 'constants.ts' && f !== support) continue;
    const js = ts.transpileModule(f.content, { compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 } });
    writeFileSync(join(dir, f.path.replace(/\.ts$/, '.js')), js.outputText);
  }
  const mod = (await import(pathToFileURL(join(dir, 'wrappers.js')).href)) as {
    createSyscalls: (proc: unknown, abi: unknown, core: unknown) => Record<string, Call>;
  };
  const abi = {
    lookup: (v: number) => (v === 1 ? { rights, object: { type: EVENT } } : null),
    take: () => null,
    close: () => {},
    install: () => 0,
  };
  // Every core handler succeeds: the status a call returns is the wrapper's own verdict.
  const core = new Proxy({}, { get: () => () => OK });
  syscalls = mod.createSyscalls({}, abi, core);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generated mask tests at bit 0 and bit 31', () => {
  it('a right at bit 0 is granted exactly when the handle has bit 0', () => {
    rights = 0x1;
    expect(syscalls.zx_edge_low!(1)).toBe(OK);
    rights = 0xfffffffe;
    expect(syscalls.zx_edge_low!(1)).toBe(DENIED);
  });

  it('a right at bit 31 is granted exactly when the handle has bit 31, held signed or unsigned', () => {
    for (const top of [0x80000000, 0x80000000 | 0, 0xffffffff, -1]) {
      rights = top;
      expect(syscalls.zx_edge_top!(1), `rights ${top}`).toBe(OK);
    }
    rights = 0x7fffffff;
    expect(syscalls.zx_edge_top!(1)).toBe(DENIED);
  });

  it('a `when: has` condition and an `allowed` check hold at bit 0 and bit 31', () => {
    for (const [name, bit] of [['zx_edge_when_low', 0x1], ['zx_edge_when_top', 0x80000000]] as const) {
      rights = 0;
      expect(syscalls[name]!(1, 0), name).toBe(OK);
      expect(syscalls[name]!(1, bit), name).toBe(DENIED);
      rights = 0x1;
      expect(syscalls[name]!(1, bit), name).toBe(OK);
      // Any other bit is outside `allowed`.
      expect(syscalls[name]!(1, bit === 1 ? 0x80000000 : 0x1), name).toBe(INVALID);
    }
  });
});
