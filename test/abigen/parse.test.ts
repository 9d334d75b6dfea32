// The abigen parser: grammar, positions, and diagnostics (never exceptions), on small inputs,
// on the real 2018 file, and on truncated copies of it.
import { beforeAll, describe, expect, it } from 'vitest';
import { importAbigen } from '../../generator/abigen/import.js';
import { parseAbigen, type AbigenFile } from '../../generator/abigen/parse.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { loadModel } from '../../generator/pipeline.js';
import { readZirconFixture, ZIRCON_TAG } from '../fixtures.js';
import { sources } from '../generator/helpers.js';

// The real 2018 file, read by the suites that need it (skipped without the fixtures).
let REAL = '';
const readReal = (): void => {
  REAL = readZirconFixture('syscalls.abigen');
};

function diags(text: string): string[] {
  return parseAbigen(text, 'x.abigen').diagnostics.map(formatDiagnostic);
}

describe('parseAbigen: grammar', () => {
  const text = [
    '# plain comment, ignored',
    '#^ read data',
    '#^ from a thing',
    '# TODO: between doc comments, also ignored',
    '#! handle must be of type ZX_OBJ_TYPE_VMO',
    '#!   and have ZX_RIGHT_READ.',
    '#! If options & ZX_VM_PERM_READ, vmo must be of type ZX_OBJ_TYPE_VMO and have ZX_RIGHT_MAP.',
    'syscall thing_read blocking vdsocall',
    '    (handle: zx_handle_t, options: uint32_t, vmo: zx_handle_t handle_release,',
    '        data: any[count * elem_size] OUT, count: size_t, elem_size: size_t,',
    '        one: zx_port_packet_t[1] IN, io: size_t[1] INOUT)',
    '    returns (zx_status_t, actual: size_t optional, out: zx_handle_t handle_acquire);',
    '',
    'syscall syscall_test_0() returns (zx_status_t);',
    'syscall thread_exit noreturn ();',
    'syscall cprng_draw (buffer: any[n] OUT, n: size_t) returns ();',
  ].join('\n');
  const { syscalls, diagnostics } = parseAbigen(text, 'x.abigen');

  it('parses without diagnostics', () => {
    expect(diagnostics).toStrictEqual([]);
    expect(syscalls.map((s) => s.name)).toStrictEqual(['thing_read', 'syscall_test_0', 'thread_exit', 'cprng_draw']);
  });

  it('attaches #^ (joined) and #! (one token stream) to the next syscall', () => {
    const sc = syscalls[0]!;
    expect(sc.summary).toBe('read data from a thing');
    expect(sc.summaryPos).toStrictEqual({ line: 2, col: 4 });
    expect(sc.rights?.map((s) => s.tokens.join(' '))).toStrictEqual([
      'handle must be of type ZX_OBJ_TYPE_VMO and have ZX_RIGHT_READ .',
      'If options & ZX_VM_PERM_READ , vmo must be of type ZX_OBJ_TYPE_VMO and have ZX_RIGHT_MAP .',
    ]);
    expect(sc.rights?.map((s) => s.form.id)).toStrictEqual([6, 12]);
    expect(sc.rights?.[1]?.clause).toStrictEqual({
      param: 'vmo', scope: 'self', types: ['ZX_OBJ_TYPE_VMO'], rights: ['ZX_RIGHT_MAP'], when: { param: 'options', op: '&', value: 'ZX_VM_PERM_READ' },
    });
    expect(sc.rights?.[0]?.pos).toStrictEqual({ line: 5, col: 4 });
    expect(syscalls[1]?.summary).toBeUndefined();
    expect(syscalls[1]?.rights).toBeUndefined();
  });

  it('reads attributes, params in C order, arrays, directions and positions', () => {
    const sc = syscalls[0]!;
    expect(sc.attributes).toStrictEqual(['blocking', 'vdsocall']);
    expect(sc.pos).toStrictEqual({ line: 8, col: 9 });
    expect(sc.returns).toBe('zx_status_t');
    expect(
      sc.params.map((p) => [p.name, p.type, p.size?.terms ?? null, p.dir, p.attributes.join(' '), p.isReturn]),
    ).toStrictEqual([
      ['handle', 'zx_handle_t', null, 'in', '', false],
      ['options', 'uint32_t', null, 'in', '', false],
      ['vmo', 'zx_handle_t', null, 'in', 'handle_release', false],
      ['data', 'any', ['count', 'elem_size'], 'out', 'OUT', false],
      ['count', 'size_t', null, 'in', '', false],
      ['elem_size', 'size_t', null, 'in', '', false],
      ['one', 'zx_port_packet_t', [1], 'in', 'IN', false],
      ['io', 'size_t', [1], 'inout', 'INOUT', false],
      ['actual', 'size_t', null, 'out', 'optional', true],
      ['out', 'zx_handle_t', null, 'out', 'handle_acquire', true],
    ]);
    expect(sc.params[3]?.pos).toStrictEqual({ line: 10, col: 9 });
    expect(sc.params[3]?.size?.pos).toStrictEqual({ line: 10, col: 19 });
  });

  it('noreturn without returns, and returns () are void', () => {
    expect(syscalls[2]?.returns).toBe('void');
    expect(syscalls[2]?.hasReturns).toBe(false);
    expect(syscalls[2]?.params).toStrictEqual([]);
    expect(syscalls[3]?.returns).toBe('void');
    expect(syscalls[3]?.hasReturns).toBe(true);
  });

  it('"None." is a sentence with no clause', () => {
    const r = parseAbigen('#! None.\nsyscall a_b () returns (zx_status_t);', 'x');
    expect(r.diagnostics).toStrictEqual([]);
    expect(r.syscalls[0]?.rights?.map((s) => [s.form.id, s.clause])).toStrictEqual([[1, null]]);
  });
});

describe('parseAbigen: diagnostics', () => {
  it('unknown attribute words are reported at their position, and dropped', () => {
    const text = 'syscall a_b blocking fast\n    (h: zx_handle_t IN, x: uint32_t sometimes)\n    returns (zx_status_t, out: zx_handle_t pager);';
    const r = parseAbigen(text, 'x.abigen');
    expect(r.diagnostics.map(formatDiagnostic)).toStrictEqual([
      'x.abigen:1:22: unknown syscall attribute "fast" (expected one of: blocking, noreturn, vdsocall, internal, const, deprecated, test_category1, test_category2)',
      'x.abigen:2:37: unknown attribute "sometimes" on parameter "x" (expected one of: IN, OUT, INOUT, optional, handle_acquire, handle_release, handle_release_always)',
      'x.abigen:3:44: unknown attribute "pager" on parameter "out" (expected one of: IN, OUT, INOUT, optional, handle_acquire, handle_release, handle_release_always)',
    ]);
    const sc = r.syscalls[0]!;
    expect(sc.attributes).toStrictEqual(['blocking']);
    expect(sc.strayAttributes.map((s) => s.word)).toStrictEqual(['fast']);
    expect(sc.params.map((p) => [p.name, p.attributes, p.stray.map((s) => s.word)])).toStrictEqual([
      ['h', ['IN'], []],
      ['x', [], ['sometimes']],
      ['out', [], ['pager']],
    ]);
  });

  it('suggests the attribute meant', () => {
    expect(diags('syscall a_b (h: zx_handle_t handle_relase) returns (zx_status_t);')[0]).toContain(
      'unknown attribute "handle_relase" on parameter "h" (did you mean handle_release?)',
    );
  });

  it('an array size naming no parameter', () => {
    expect(diags('syscall a_b (buf: any[bufsize] IN, buf_size: size_t) returns (zx_status_t);')).toStrictEqual([
      'x.abigen:1:23: array size "bufsize" of "buf" names no parameter (did you mean buf_size?)',
    ]);
    expect(diags('syscall a_b (buf: any[buf * n] IN, buf_size: size_t) returns (zx_status_t);')).toStrictEqual([
      'x.abigen:1:23: array "buf" cannot be sized by itself',
      'x.abigen:1:23: array size "n" of "buf" names no parameter',
    ]);
  });

  it('rights sentences: no form, no final ".", unknown parameter, None. mixed in', () => {
    const text = [
      '#! handle must be a socket.',
      '#! hnd must have ZX_RIGHT_READ.',
      '#! None.',
      '#! handle must have ZX_RIGHT_WRITE',
      'syscall a_b (handle: zx_handle_t) returns (zx_status_t);',
    ].join('\n');
    expect(diags(text)).toStrictEqual([
      'x.abigen:1:4: rights sentence matches no form: "handle must be a socket."',
      'x.abigen:2:4: rights sentence names "hnd", which is not a parameter',
      'x.abigen:3:4: "None." cannot be combined with other rights sentences',
      'x.abigen:4:4: rights text does not end in ".": "handle must have ZX_RIGHT_WRITE"',
    ]);
  });

  it('syntax errors are reported and parsing goes on with the next declaration', () => {
    const text = [
      'syscall one (a uint32_t) returns (zx_status_t);',
      'syscall two (a: uint32_t) returns (zx_status_t)',
      'syscall three (a: uint32_t[) returns (zx_status_t);',
      'syscall four (a: uint32_t) returns (zx_status_t);',
      'oops;',
      'syscall five (a: uint32_t) $ returns (zx_status_t);',
    ].join('\n');
    const r = parseAbigen(text, 'x.abigen');
    expect(r.diagnostics.map(formatDiagnostic)).toStrictEqual([
      'x.abigen:1:16: expected ":" after "a", found "uint32_t"',
      'x.abigen:3:1: expected ";", found "syscall"',
      'x.abigen:3:28: expected an array size (a number or a parameter name), found ")"',
      'x.abigen:5:1: expected "syscall", found "oops"',
      'x.abigen:6:28: unexpected character "$"',
    ]);
    expect(r.syscalls.map((s) => s.name)).toStrictEqual(['four', 'five']);
  });

  it('declaration-level checks', () => {
    const text = [
      'syscall a_b (x: uint32_t) ;',
      'syscall a_b () returns (zx_status_t);',
      'syscall Bad_Name () returns (zx_status_t);',
      'syscall c_d (x: uint32_t IN OUT, x: uint32_t optional, h: zx_handle_t handle_acquire) returns (zx_status_t, o: zx_handle_t handle_release, p: uint32_t handle_acquire);',
      'syscall e_f (a: uint32_t IN IN) returns (zx_status_t, q: uint32_t IN, r: uint32_t[2]);',
    ].join('\n');
    expect(diags(text)).toStrictEqual([
      'x.abigen:1:9: syscall "a_b" has no "returns (...)" clause and is not noreturn',
      'x.abigen:2:9: duplicate syscall "a_b" (first defined at x.abigen:1:9)',
      'x.abigen:3:9: syscall name "Bad_Name" must be lower_snake_case',
      'x.abigen:4:29: "x" has more than one of IN, OUT, INOUT',
      'x.abigen:4:34: duplicate parameter "x"',
      'x.abigen:4:46: "optional" applies only to outputs; "x" is an input',
      'x.abigen:4:71: "handle_acquire" applies only to outputs; "h" is an input',
      'x.abigen:4:124: "handle_release" applies only to inputs; "o" is an output',
      'x.abigen:4:152: "handle_acquire" applies to zx_handle_t parameters; "p" is uint32_t',
      'x.abigen:5:29: attribute "IN" is listed twice on "a"',
      'x.abigen:5:67: "IN" on "q": outputs listed in returns (...) are OUT',
      'x.abigen:5:83: output "r" in returns (...) cannot be an array',
    ]);
  });

  it('doc comments with no syscall after them', () => {
    expect(diags('syscall a_b () returns (zx_status_t);\n#^ orphan\n  #! None.\n')).toStrictEqual([
      'x.abigen:2:1: "#^" comment is not followed by a syscall',
      'x.abigen:3:3: "#!" comment is not followed by a syscall',
    ]);
  });

  it('doc comments before a declaration that fails are not given to the next one', () => {
    const r = parseAbigen('#^ broken one\nsyscall a_b (x) returns (zx_status_t);\nsyscall c_d () returns (zx_status_t);', 'x');
    expect(r.diagnostics).toHaveLength(1);
    expect(r.syscalls.map((s) => [s.name, s.summary])).toStrictEqual([['c_d', undefined]]);
  });

  it('empty input is an empty file', () => {
    expect(parseAbigen('', 'x')).toStrictEqual({ syscalls: [], diagnostics: [] });
    expect(parseAbigen('# only a comment\n\n', 'x')).toStrictEqual({ syscalls: [], diagnostics: [] });
  });
});

describe('the real 2018 syscalls.abigen', { tags: [ZIRCON_TAG] }, () => {
  let r: AbigenFile;
  beforeAll(() => {
    readReal();
    r = parseAbigen(REAL, 'syscalls.abigen');
  });

  it('has 170 syscalls', () => {
    expect(r.syscalls).toHaveLength(170);
  });

  // The 2018 file has three stray attribute words: `pager` and `out_pager_vmo` stand where
  // `handle_acquire` belonged (so the 2018 tool lost it on those two outputs), and
  // system_get_features repeats its output's name, `features`, as an attribute.
  it('reports exactly its stray attribute words, with their line:col', () => {
    expect(r.diagnostics.map((d) => `${d.line}:${d.col}: ${d.message.replace(/ \(expected.*$/, '')}`)).toStrictEqual([
      '117:46: unknown attribute "features" on parameter "features"',
      '1108:50: unknown attribute "pager" on parameter "out_pager"',
      '1112:54: unknown attribute "out_pager_vmo" on parameter "out_pager_vmo"',
    ]);
    const lines = REAL.split('\n');
    for (const d of r.diagnostics) {
      const word = /"(\w+)"/.exec(d.message)?.[1] ?? '';
      expect(lines[d.line - 1]?.slice(d.col - 1, d.col - 1 + word.length)).toBe(word);
    }
  });

  it('every #! sentence matches a form', () => {
    const sentences = r.syscalls.flatMap((s) => s.rights ?? []);
    const counts = new Map<number, number>();
    for (const s of sentences) counts.set(s.form.id, (counts.get(s.form.id) ?? 0) + 1);
    // The "Used in 2018" column of reference-pages.md §3.4.
    expect(Object.fromEntries([...counts].sort((a, b) => a[0] - b[0]))).toStrictEqual({
      1: 12, 2: 8, 3: 24, 4: 6, 5: 7, 6: 67, 7: 2, 8: 1, 9: 2, 10: 9, 11: 21, 12: 9, 13: 1, 14: 1, 15: 2,
    });
  });
});

describe('truncated files give diagnostics or a valid result, never an exception', { tags: [ZIRCON_TAG] }, () => {
  const types = sources({}).filter((s) => s.stem === 'types');
  beforeAll(readReal);

  it('every 997th prefix, through the importer and the loader', () => {
    let withDiagnostics = 0;
    let valid = 0;
    for (let n = 0; n <= REAL.length; n += 997) {
      const prefix = REAL.slice(0, n);
      const r = importAbigen(prefix, 'prefix.abigen');
      if (r.diagnostics.length > 0) {
        withDiagnostics++;
        continue;
      }
      const loaded = loadModel([...types, ...r.files.map((f) => ({ path: f.path, stem: f.path.replace(/\.yaml$/, ''), text: f.content }))]);
      expect(loaded.diagnostics.map(formatDiagnostic), `prefix of ${n} characters`).toStrictEqual([]);
      valid++;
    }
    expect(withDiagnostics + valid).toBe(Math.floor(REAL.length / 997) + 1);
    expect(valid).toBeGreaterThan(0);
    expect(withDiagnostics).toBeGreaterThan(0);
  });

  it('every 97th prefix through the parser', () => {
    for (let n = 0; n <= REAL.length; n += 97) {
      const r = parseAbigen(REAL.slice(0, n), 'prefix.abigen');
      expect(r.syscalls.length).toBeLessThanOrEqual(170);
    }
  });
});
