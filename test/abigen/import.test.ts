// importAbigen on small inputs: the YAML it writes, what it reports, and importAbigenToDir.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ABIGEN_TYPES_FILE, familyFile, importAbigen, importAbigenToDir } from '../../generator/abigen/import.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { ZIRCON_TAG, zirconFixturePath } from '../fixtures.js';
import { sources } from '../generator/helpers.js';

const work = mkdtempSync(join(tmpdir(), 'zxkit-abigen-import-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const SAMPLE = [
  '#^ create a widget: fast',
  'syscall widget_create',
  '    (options: uint32_t, clock_id: zx_clock_t)',
  '    returns (zx_status_t, out: zx_handle_t handle_acquire);',
  '',
  '#^ read from a widget',
  '#! handle must be of type ZX_OBJ_TYPE_VMO and have ZX_RIGHT_READ.',
  '#! If options & ZX_VM_PERM_READ, handle must be of type ZX_OBJ_TYPE_VMO and have ZX_RIGHT_MAP.',
  'syscall widget_read blocking',
  '    (handle: zx_handle_t, options: uint32_t, data: any[count * size] OUT, count: size_t, size: size_t,',
  '        buffer: char[buffer_size] OUT, buffer_size: size_t[1] INOUT, key: zx_port_packet_t[1] IN)',
  '    returns (zx_status_t, actual: size_t optional);',
  '',
  '#! None.',
  'syscall widget_close (handle: zx_handle_t handle_release_always) returns (zx_status_t);',
  '',
  'syscall gadget_make internal (h: zx_handle_t) returns (zx_status_t, o: zx_handle_t stray_word);',
  '',
].join('\n');

function yamlOf(files: readonly { path: string; content: string }[], path: string): any {
  const f = files.find((x) => x.path === path);
  if (!f) throw new Error(`no ${path} in ${files.map((x) => x.path).join(', ')}`);
  return parse(f.content);
}

function loads(files: readonly { path: string; content: string }[]): string[] {
  const types = sources({}).filter((s) => s.stem === 'types');
  return loadModel([...types, ...files.map((f) => ({ path: f.path, stem: f.path.replace(/\.yaml$/, ''), text: f.content }))]).diagnostics.map(formatDiagnostic);
}

describe('importAbigen', () => {
  const r = importAbigen(SAMPLE, 'sample.abigen');

  it('reports the stray word and nothing else', () => {
    expect(r.diagnostics.map(formatDiagnostic)).toStrictEqual([
      'sample.abigen:17:84: unknown attribute "stray_word" on parameter "o" (expected one of: IN, OUT, INOUT, optional, handle_acquire, handle_release, handle_release_always)',
    ]);
  });

  it('writes one file per family, plus the unknown types, each with the schema line', () => {
    expect(r.files.map((f) => f.path)).toStrictEqual([ABIGEN_TYPES_FILE, 'gadget.yaml', 'widget.yaml']);
    for (const f of r.files) expect(f.content.startsWith('# yaml-language-server: $schema=../generated/defs.schema.json\n')).toBe(true);
    expect(familyFile('syscall_test_0')).toBe('syscall.yaml');
    expect(familyFile('types_thing')).toBe('types_.yaml');
  });

  it('keeps unknown C types as opaque, and nothing zxkit already defines', () => {
    expect(yamlOf(r.files, ABIGEN_TYPES_FILE)).toStrictEqual({ types: { zx_clock_t: { opaque: true } } });
  });

  it('the files load with zxkit types.yaml', () => {
    expect(loads(r.files)).toStrictEqual([]);
  });

  it('maps a syscall field by field', () => {
    const w = yamlOf(r.files, 'widget.yaml').syscalls;
    expect(Object.keys(w)).toStrictEqual(['widget_create', 'widget_read', 'widget_close']);
    expect(w.widget_create).toStrictEqual({
      summary: 'create a widget: fast',
      implemented: false,
      params: [
        { name: 'options', type: 'uint32_t' },
        { name: 'clock_id', type: 'zx_clock_t' },
        { name: 'out', type: 'zx_handle_t', dir: 'out', handle: { ownership: 'acquire' } },
      ],
      returns: 'zx_status_t',
      errors: [
        { status: 'ZX_ERR_INVALID_ARGS', text: 'TODO(ZX-3106)' },
        { status: 'ZX_ERR_NOT_SUPPORTED', text: 'TODO(ZX-3106)' },
      ],
      description: 'TODO(ZX-3106)',
      return_value: 'TODO(ZX-3106)',
    });
    expect(w.widget_read.attributes).toStrictEqual(['blocking']);
    expect(w.widget_read.params).toStrictEqual([
      { name: 'handle', type: 'zx_handle_t' },
      { name: 'options', type: 'uint32_t' },
      { name: 'data', type: 'any', dir: 'out', count: 'count*size' },
      { name: 'count', type: 'size_t' },
      { name: 'size', type: 'size_t' },
      { name: 'buffer', type: 'char', dir: 'out', count: 'buffer_size' },
      // A T[1] inout that sizes another array is a single inout value to zxkit.
      { name: 'buffer_size', type: 'size_t', dir: 'inout' },
      { name: 'key', type: 'zx_port_packet_t', count: 1 },
      { name: 'actual', type: 'size_t', dir: 'out', optional: true },
    ]);
    expect(w.widget_read.rights).toStrictEqual([
      { param: 'handle', types: ['ZX_OBJ_TYPE_VMO'], rights: ['ZX_RIGHT_READ'] },
      { param: 'handle', types: ['ZX_OBJ_TYPE_VMO'], rights: ['ZX_RIGHT_MAP'], when: { param: 'options', has: 'ZX_VM_PERM_READ' } },
    ]);
    expect(w.widget_read.errors.map((e: { status: string }) => e.status)).toStrictEqual([
      'ZX_ERR_BAD_HANDLE', 'ZX_ERR_WRONG_TYPE', 'ZX_ERR_ACCESS_DENIED', 'ZX_ERR_INVALID_ARGS', 'ZX_ERR_NOT_SUPPORTED',
    ]);
    expect(w.widget_close.rights).toBe('none');
    expect(w.widget_close.params).toStrictEqual([{ name: 'handle', type: 'zx_handle_t', handle: { ownership: 'release_always' } }]);
    expect(w.widget_create.rights).toBeUndefined();
  });

  it('a stray word on an output handle is dropped, and the output imported as an acquire', () => {
    const text = r.files.find((f) => f.path === 'gadget.yaml')?.content ?? '';
    expect(text).toContain('      # abigen: stray word "stray_word" dropped; imported as handle_acquire\n');
    const g = parse(text).syscalls.gadget_make;
    expect(g.summary).toBeUndefined(); // no #^ line: no summary
    expect(g.attributes).toStrictEqual(['internal']);
    expect(g.params[1]).toStrictEqual({ name: 'o', type: 'zx_handle_t', dir: 'out', handle: { ownership: 'acquire', escalates: true } }); // takes a handle too: declared unbounded for review
    // internal syscalls need no documented errors
    expect(g.errors).toBeUndefined();
  });

  it('reports rights names zxkit does not know, at their abigen position', () => {
    const bad = importAbigen(
      '#! If op is ZX_NOT_A_THING, handle must be of type ZX_OBJ_TYPE_VMOO and have ZX_RIGHT_RAED.\nsyscall a_b (handle: zx_handle_t, op: uint32_t) returns (zx_status_t);\n',
      'bad.abigen',
    );
    expect(bad.diagnostics.map(formatDiagnostic)).toStrictEqual([
      'bad.abigen:1:13: unknown constant "ZX_NOT_A_THING" (not in zxkit\'s types.yaml)',
      'bad.abigen:1:52: unknown object type "ZX_OBJ_TYPE_VMOO" (did you mean ZX_OBJ_TYPE_VMO?) (not in zxkit\'s types.yaml)',
      'bad.abigen:1:78: unknown right "ZX_RIGHT_RAED" (did you mean ZX_RIGHT_READ?) (not in zxkit\'s types.yaml)',
    ]);
  });

  it('reports struct fields and "Every entry" on things that are not arrays', () => {
    const bad = importAbigen(
      [
        '#! Every entry of items must have a handel field with ZX_RIGHT_TRANSFER.',
        '#! Every entry of h must have ZX_RIGHT_TRANSFER.',
        'syscall a_b (items: zx_wait_item_t[n] IN, n: size_t, h: zx_handle_t) returns (zx_status_t);',
      ].join('\n'),
      'bad.abigen',
    );
    expect(bad.diagnostics.map(formatDiagnostic)).toStrictEqual([
      'bad.abigen:1:37: "handel" is not a field of zx_wait_item_t (did you mean handle?)',
      'bad.abigen:2:4: "Every entry of" needs an array; "h" is not one',
    ]);
  });

  it('quotes summaries YAML would misread', () => {
    const q = importAbigen('#^ key: value # not a comment\nsyscall a_b () returns (zx_status_t);\n#^ "quoted"\nsyscall a_c () returns (zx_status_t);', 'q');
    const y = yamlOf(q.files, 'a.yaml');
    expect(y.syscalls.a_b.summary).toBe('key: value # not a comment');
    expect(y.syscalls.a_c.summary).toBe('"quoted"');
  });
});

describe('importAbigenToDir', () => {
  it('writes the files (the real file: with its stray words reported), leaving no temp files', { tags: [ZIRCON_TAG] }, () => {
    const out = join(work, 'real');
    const diags = importAbigenToDir(zirconFixturePath('syscalls.abigen'), out);
    expect(diags).toHaveLength(3);
    const names = readdirSync(out);
    expect(names.filter((n) => n.startsWith('.'))).toStrictEqual([]);
    expect(names).toContain('vmo.yaml');
    expect(names).toContain(ABIGEN_TYPES_FILE);
    expect(names).not.toContain('types.yaml');
    expect(loadModel(defsSources(out)).diagnostics).toStrictEqual([]);
  });

  it('writes nothing when a declaration could not be imported', () => {
    const src = join(work, 'broken.abigen');
    writeFileSync(src, 'syscall a_b (x uint32_t) returns (zx_status_t);\nsyscall c_d () returns (zx_status_t);\n');
    const out = join(work, 'broken');
    const diags = importAbigenToDir(src, out).map(formatDiagnostic);
    expect(diags).toStrictEqual([
      `${src}:1:16: expected ":" after "x", found "uint32_t"`,
      `${src}:1:1: nothing written to ${out}: fix the errors above first`,
    ]);
    expect(existsSync(out)).toBe(false);
  });

  it('a missing input file is a diagnostic', () => {
    const diags = importAbigenToDir(join(work, 'nope.abigen'), join(work, 'nope'));
    expect(diags).toHaveLength(1);
    expect(diags[0]?.message).toMatch(/^cannot read: /);
  });

  it('overwrites its own files and leaves others alone', () => {
    const src = join(work, 'small.abigen');
    writeFileSync(src, 'syscall a_b () returns (zx_status_t);\n');
    const out = join(work, 'small');
    expect(importAbigenToDir(src, out)).toStrictEqual([]);
    writeFileSync(join(out, 'mine.yaml'), 'syscalls: {}\n');
    writeFileSync(join(out, 'a.yaml'), 'old');
    expect(importAbigenToDir(src, out)).toStrictEqual([]);
    expect(readFileSync(join(out, 'a.yaml'), 'utf8')).toContain('a_b:');
    expect(readFileSync(join(out, 'mine.yaml'), 'utf8')).toBe('syscalls: {}\n');
  });
});
