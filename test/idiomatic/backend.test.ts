// The idiomatic backend itself: names, and output that stays compilable and honest when the
// definitions change (new syscalls get generic methods, an idiom whose syscall changed shape
// falls back to the generic method instead of calling the stub with a stale argument list).
import { cpSync, mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { emitIdiomatic } from '../../generator/backends/idiomatic.js';
import { camel, className, flagName, methodName } from '../../generator/idiomatic/names.js';
import type { Model, SyscallDef } from '../../generator/model.js';
import { defsSources, generate, loadModel } from '../../generator/pipeline.js';
import { readSource } from '../../generator/load.js';
import { repoRoot } from '../generator/helpers.js';
import { SUPPORT_EXPORTS } from '../../generator/idiomatic/support.js';
import { SUPPORT_HELPERS } from '../../generator/backends/wrapper-shapes.js';
import * as idiomaticSupport from '../../support/idiomatic.js';
import * as wrapperSupport from '../../support/wrappers.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-idiomatic-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));
// Each output folder sits in `work`, as generated/ sits beside support/ in the repository.
cpSync(join(repoRoot, 'support'), join(work, 'support'), { recursive: true });

const OPTIONS = { docsStyle: 'seed' as const, command: 'npm run regen' };

/** The repository's definitions, with `patch` applied to one file's text. */
function modelWith(file: string, patch: (text: string) => string): Model {
  const sources = defsSources(join(repoRoot, 'defs')).map((s) => (s.path.endsWith(`/${file}`) ? { ...s, text: patch(s.text) } : s));
  const { model, diagnostics } = loadModel(sources);
  expect(diagnostics).toEqual([]);
  return model!;
}

/** Compile zx.ts of a model's full output the way the strict-compile test does. */
function compileErrors(model: Model, name: string): string[] {
  const dir = join(work, name);
  for (const f of generate(model, OPTIONS)) {
    if (!f.path.endsWith('.ts')) continue;
    mkdirSync(dirname(join(dir, f.path)), { recursive: true });
    writeFileSync(join(dir, f.path), f.content);
  }
  const program = ts.createProgram([join(dir, 'zx.ts')], {
    strict: true, noEmit: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext, skipLibCheck: true, noUnusedLocals: true, types: [],
  });
  return ts.getPreEmitDiagnostics(program).map((d) => `${d.file?.fileName ?? ''}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`);
}

const zxOf = (model: Model) => emitIdiomatic(model, OPTIONS)[0].content;

describe('names', () => {
  const sc = (name: string, family: string) => ({ name, family }) as SyscallDef;
  it('derives class, method and flag names from the definitions', () => {
    expect(className('ZX_OBJ_TYPE_SOCKET')).toBe('Socket');
    expect(className('ZX_OBJ_TYPE_EVENTPAIR')).toBe('EventPair');
    expect(methodName(sc('socket_write', 'socket'), 'socket')).toBe('write');
    expect(methodName(sc('channel_read_etc', 'channel'), 'channel')).toBe('readEtc');
    expect(methodName(sc('object_wait_async', 'object'), '')).toBe('waitAsync');
    expect(methodName(sc('handle_duplicate', 'handle'), '')).toBe('duplicate');
    expect(methodName(sc('eventpair_create', 'event'), 'eventpair')).toBe('create');
    expect(flagName('ZX_SOCKET_HAS_CONTROL', sc('socket_create', 'socket'))).toBe('hasControl');
    expect(flagName('ZX_WAIT_ASYNC_REPEATING', sc('object_wait_async', 'object'))).toBe('repeating');
    expect(flagName('ZX_SOCKET_SHUTDOWN_READ', sc('socket_shutdown', 'socket'))).toBe('read');
    expect(flagName('ZX_CHANNEL_READ_MAY_DISCARD', sc('channel_read', 'channel'))).toBe('mayDiscard');
    expect(camel('socket_to_share')).toBe('socketToShare');
  });
});

describe('emitIdiomatic', () => {
  it('is deterministic and matches the committed generated/zx.ts', async () => {
    const { model } = loadModel(defsSources(join(repoRoot, 'defs')));
    const a = zxOf(model!);
    expect(zxOf(model!)).toBe(a);
    const { readFileSync } = await import('node:fs');
    expect(readFileSync(join(repoRoot, 'generated', 'zx.ts'), 'utf8')).toBe(a);
  });

  it('documents every generated method with its syscall\'s summary, rights, errors and page', () => {
    const { model } = loadModel(defsSources(join(repoRoot, 'defs')));
    const text = zxOf(model!);
    for (const name of ['socket_write', 'channel_read_etc', 'object_get_info', 'port_wait', 'handle_replace']) {
      const sc = model!.syscalls.find((s) => s.name === name)!;
      expect(text, name).toContain(`@see [generated/docs/${name}.md](./docs/${name}.md)`);
      expect(text, name).toContain(` * ${sc.summary}`);
      for (const e of sc.errors) expect(text, `${name} ${e.status}`).toContain(`**${e.status}**`);
    }
    expect(text).not.toContain('// No idiomatic form');
  });

  it('gives a new syscall a generic method on the class of its handle, and still compiles', () => {
    const model = modelWith('event.yaml', (t) => `${t}
  event_poke:
    summary: Poke an event.
    params:
      - name: handle
        type: zx_handle_t
      - name: options
        type: uint32_t
      - name: data
        type: any
        count: data_size
      - name: data_size
        type: size_t
      - name: token
        type: uint64_t
        dir: out
    returns: zx_status_t
    rights:
      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_SIGNAL] }
    checks:
      - handle
      - { param: options, one_of: [0, ZX_SOCKET_CONTROL], error: ZX_ERR_INVALID_ARGS }
    errors:
      - { status: ZX_ERR_BAD_HANDLE, text: "*handle* is not a valid handle." }
      - { status: ZX_ERR_WRONG_TYPE, text: "*handle* is not an event." }
      - { status: ZX_ERR_ACCESS_DENIED, text: "*handle* lacks **ZX_RIGHT_SIGNAL**." }
      - { status: ZX_ERR_INVALID_ARGS, text: "*options* is not valid." }
    description: Pokes the event.
    return_value: Returns ZX_OK on success.
    see_also: [event_create]
`);
    const sc = model.syscalls.find((s) => s.name === 'event_poke')!;
    if (sc.implemented === false) (sc as { implemented: boolean }).implemented = true;
    const text = zxOf(model);
    expect(text).toContain('poke(data: Uint8Array, options: number | EventPokeOptions = 0): bigint {');
    expect(text).toContain('this.syscalls.zx_event_poke(handleRaw, optionBits, data, data.length, token);');
    expect(text).toContain("zx_event_poke: 'Event.prototype.poke',");
    expect(compileErrors(model, 'poke')).toEqual([]);
  });

  it('falls back to the generic method when an idiom\'s syscall changes shape', () => {
    const model = modelWith('socket.yaml', (t) => t.replace(
      /(  socket_read:[\s\S]*?)- name: actual\n        type: size_t\n        dir: out\n        optional: true\n/,
      '$1- name: actual\n        type: size_t\n        dir: out\n        optional: true\n      - name: flags\n        type: uint32_t\n',
    ));
    const read = model.syscalls.find((s) => s.name === 'socket_read')!;
    expect(read.params.map((p) => p.name)).toContain('flags');
    const text = zxOf(model);
    expect(text).toContain('read(bufferSize: number, flags: number, options: number | SocketReadOptions = 0): { buffer: Uint8Array; actual: number } {');
    // Without the socket read idiom there is no socket iteration, and nothing refers to it.
    expect(text).not.toMatch(/this\.wait\(ZX_SOCKET_READABLE/);
    expect(compileErrors(model, 'reshaped')).toEqual([]);
  });

  it('stays compilable if every syscall in defs/ were implemented (unsupported shapes are listed, not emitted)', () => {
    const { model } = loadModel(defsSources(join(repoRoot, 'defs')));
    const all: Model = { ...model!, syscalls: model!.syscalls.map((s) => ({ ...s, implemented: true })) };
    const text = zxOf(all);
    const methods = (text.match(/^  zx_\w+: '/gm) ?? []).length;
    const skipped = /^\/\/ No idiomatic form \(use the raw stubs\): (.*)\.$/m.exec(text)?.[1].split('; ').length ?? 0;
    expect(methods + skipped).toBe(all.syscalls.filter((s) => !s.attributes.includes('internal')).length);
    expect(compileErrors(all, 'all')).toEqual([]);
  });

  it('loads a definitions folder of its own with zxkit\'s types only', () => {
    const types = readSource(join(repoRoot, 'defs', 'types.yaml'));
    const { model } = loadModel([types]);
    const text = zxOf(model!);
    expect(text).toContain('export class Handle extends HandleBase<Syscalls> {');
    expect(compileErrors(model!, 'empty')).toEqual([]);
  });
});

describe('the support modules', () => {
  it('export every name the generator may import from them', () => {
    const missing = [
      ...SUPPORT_EXPORTS.filter((n) => typeof (idiomaticSupport as Record<string, unknown>)[n] !== 'function').map((n) => `idiomatic.${n}`),
      ...SUPPORT_HELPERS.filter((n) => typeof (wrapperSupport as Record<string, unknown>)[n] !== 'function').map((n) => `wrappers.${n}`),
    ];
    expect(missing).toEqual([]);
  });
});
