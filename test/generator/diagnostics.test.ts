// One test per diagnostic kind: the message, the file, the line and the column.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { defsSources, generate, loadModel } from '../../generator/pipeline.js';
import { POKE, diagnosticsOf, load, repoRoot, sources } from './helpers.js';

const withLine = (line: number, replacement: string) => {
  const lines = POKE.split('\n');
  lines[line - 1] = replacement;
  return lines.join('\n');
};

describe('definition diagnostics', () => {
  it('accepts the valid base file', () => {
    const r = load({ 'thing.yaml': POKE });
    expect(r.diagnostics).toEqual([]);
    expect(r.model?.syscalls.map((s) => s.name)).toEqual(['thing_poke']);
  });

  it('reports a YAML syntax error with its position', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(4, '    params: [unclosed') });
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]).toMatch(/^defs\/thing\.yaml:\d+:\d+: YAML syntax error: /);
  });

  it('reports an unknown key with a suggestion', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(3, '    sumary: Poke a thing.') });
    expect(d).toContain(
      'defs/thing.yaml:3:5: unknown key "sumary" in syscall thing_poke (did you mean summary?) ' +
        '(expected one of: summary, implemented, unsupported_reason, attributes, params, returns, rights, checks, errors, description, return_value, limitations, see_also)',
    );
  });

  it('reports a missing required key', () => {
    const d = diagnosticsOf({ 'thing.yaml': POKE.replace('    return_value: Returns ZX_OK on success.\n', '') });
    expect(d).toEqual(['defs/thing.yaml:3:5: missing "return_value" in syscall thing_poke: expected string']);
  });

  it('reports a value of the wrong type', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(3, '    summary: [not, a, string]') });
    expect(d).toEqual(['defs/thing.yaml:3:14: "summary" in syscall thing_poke must be a string, got a list']);
  });

  it('reports an unknown attribute word', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(3, '    summary: Poke a thing.\n    attributes: [blocking, pager]') });
    expect(d).toEqual([
      'defs/thing.yaml:4:28: unknown attribute "pager" (expected one of: blocking, noreturn, vdsocall, internal, const, deprecated, test_category1, test_category2)',
    ]);
  });

  it('reports an unknown type with a suggestion', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(8, '        type: uint32') });
    expect(d).toEqual(['defs/thing.yaml:8:15: unknown type "uint32" (did you mean uint32_t?)']);
  });

  it('reports an unknown right with a suggestion', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(10, '      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_WRTE] }') });
    expect(d).toEqual(['defs/thing.yaml:10:63: unknown right "ZX_RIGHT_WRTE" (did you mean ZX_RIGHT_WRITE?)']);
  });

  it('reports an unknown object type', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(10, '      - { param: handle, types: [ZX_OBJ_TYPE_EVNT], rights: [ZX_RIGHT_WRITE] }') });
    expect(d).toEqual(['defs/thing.yaml:10:34: unknown object type "ZX_OBJ_TYPE_EVNT" (did you mean ZX_OBJ_TYPE_EVENT?)']);
  });

  it('reports an unknown status', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(12, '      - { status: ZX_ERR_BAD_HANDEL, text: The handle is invalid. }') });
    expect(d[0]).toBe('defs/thing.yaml:12:19: unknown status "ZX_ERR_BAD_HANDEL" (did you mean ZX_ERR_BAD_HANDLE?)');
  });

  it('reports a rights clause naming a parameter that does not exist', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(10, '      - { param: handel, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_WRITE] }') });
    expect(d).toEqual(['defs/thing.yaml:10:18: unknown parameter "handel" (did you mean handle?)']);
  });

  it('reports an array sized by a missing parameter', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(8, '        type: any\n        count: size') });
    expect(d).toContain('defs/thing.yaml:9:16: array size "size" names no parameter');
  });

  it('reports a see_also naming a syscall that does not exist', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(18, '    see_also: [thing_pokee]') });
    expect(d).toEqual(['defs/thing.yaml:18:16: see_also names unknown syscall "thing_pokee" (did you mean thing_poke?)']);
  });

  it('reports a syscall defined twice, across files', () => {
    const d = diagnosticsOf({ 'thing.yaml': POKE, 'thing2.yaml': POKE.replace('see_also: [thing_poke]', 'see_also: []') });
    expect(d).toEqual(['defs/thing2.yaml:2:3: duplicate syscall "thing_poke" (first defined at defs/thing.yaml:2:3)']);
  });

  it('reports a duplicate key inside one map', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(3, '    summary: Poke a thing.\n    summary: Again.') });
    expect(d[0]).toMatch(/^defs\/thing\.yaml:4:5: YAML syntax error: Map keys must be unique/);
  });

  it('reports an unknown constant in an aggregate', () => {
    const d = diagnosticsOf({ 'extra.yaml': 'constants:\n  mine:\n    kind: right\n    type: zx_rights_t\n    values:\n      MY_RIGHTS: [ZX_RIGHT_READ, ZX_RIGHT_WRTE]\n' });
    expect(d).toEqual(['defs/extra.yaml:6:34: unknown constant "ZX_RIGHT_WRTE" (did you mean ZX_RIGHT_WRITE?)']);
  });

  it('reports a check list that forgets a handle parameter', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(11, '    checks:\n      - { param: options, one_of: [0], error: ZX_ERR_INVALID_ARGS }\n    errors:') });
    expect(d).toEqual(['defs/thing.yaml:11:5: checks must resolve handle parameter "handle" (list it by name)']);
  });

  it('reports a status the generated checks can return but the errors do not document', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(13, '') });
    expect(d).toEqual(['defs/thing.yaml:2:3: syscall thing_poke can return ZX_ERR_WRONG_TYPE from its generated checks but does not document it in "errors"']);
  });

  it('reports every error of a run, not only the first', () => {
    const text = withLine(8, '        type: uint32').replace('ZX_RIGHT_WRITE', 'ZX_RIGHT_WRTE');
    const d = diagnosticsOf({ 'thing.yaml': text });
    expect(d).toEqual([
      'defs/thing.yaml:8:15: unknown type "uint32" (did you mean uint32_t?)',
      'defs/thing.yaml:10:63: unknown right "ZX_RIGHT_WRTE" (did you mean ZX_RIGHT_WRITE?)',
    ]);
  });

  it('never throws on binary garbage', () => {
    const d = diagnosticsOf({ 'thing.yaml': '\u0000\u0001\u00ff{{[[::--\n\t- ]' });
    expect(d.length).toBeGreaterThan(0);
    expect(d[0]).toMatch(/^defs\/thing\.yaml:\d+:\d+: /);
  });
});

describe('rights escalation lint', () => {
  const DUP = POKE.replace('      - name: options\n        type: uint32_t', '      - name: options\n        type: uint32_t\n      - name: out\n        type: zx_handle_t\n        dir: out');
  it('rejects an output handle that may carry more rights than the input, unless declared', () => {
    expect(diagnosticsOf({ 'thing.yaml': DUP })).toEqual([
      'defs/thing.yaml:9:9: output handle "out" of thing_poke may carry more rights than "handle": declare handle: { rights_from: handle } to bound it, or handle: { escalates: true }',
    ]);
    expect(diagnosticsOf({ 'thing.yaml': DUP.replace('        dir: out', '        dir: out\n        handle: { rights_from: handle }') })).toEqual([]);
    expect(diagnosticsOf({ 'thing.yaml': DUP.replace('        dir: out', '        dir: out\n        handle: { escalates: true }') })).toEqual([]);
  });

  it('reports rights_from naming something that is not an input handle', () => {
    expect(diagnosticsOf({ 'thing.yaml': DUP.replace('        dir: out', '        dir: out\n        handle: { rights_from: options }') })).toEqual([
      'defs/thing.yaml:12:32: "rights_from" must name a single input handle parameter; "options" is not one',
    ]);
  });
});

describe('hostile documents', () => {
  it('refuses an alias bomb with a plain message', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...Array.from({ length: 8 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [${Array(10).fill(`*${String.fromCharCode(97 + i)}`).join(', ')}]`)].join('\n');
    expect(diagnosticsOf({ 'bomb.yaml': `${bomb}\n` })).toEqual([
      'defs/bomb.yaml:1:1: document expands YAML aliases more than 100 times; refused to guard against alias bombs',
    ]);
  });
});

describe('one mistake, one error', () => {
  const repoDefs = defsSources(join(repoRoot, 'defs'));
  /** The repo's definitions with one file's text changed; its diagnostics, formatted. */
  const withEdit = (stem: string, edit: (text: string) => string) =>
    loadModel(repoDefs.map((s) => (s.stem === stem ? { ...s, path: `defs/${stem}.yaml`, text: edit(s.text) } : s))).diagnostics.map(formatDiagnostic);
  /** 1-based line of the first occurrence of `needle` in a repo definition file. */
  const lineOf = (stem: string, needle: string) => repoDefs.find((s) => s.stem === stem)!.text.split(needle)[0]!.split('\n').length;

  it('a mistyped handle type is not followed by "handle applies to zx_handle_t parameters"', () => {
    const line = lineOf('socket', 'type: zx_handle_t\n        dir: out\n        handle:');
    expect(withEdit('socket', (t) => t.replace('type: zx_handle_t\n        dir: out\n        handle:', 'type: zx_handel_t\n        dir: out\n        handle:'))).toEqual([
      `defs/socket.yaml:${line}:15: unknown type "zx_handel_t" (did you mean zx_handle_t?)`,
    ]);
  });

  it('a mistyped struct type is not followed by complaints about its fields', () => {
    const line = lineOf('object', 'type: zx_wait_item_t');
    expect(withEdit('object', (t) => t.replace('type: zx_wait_item_t', 'type: zx_wait_itme_t'))).toEqual([
      `defs/object.yaml:${line}:15: unknown type "zx_wait_itme_t" (did you mean zx_wait_item_t?)`,
    ]);
  });

  it('a mistyped constant group type is reported once, and its constants stay defined', () => {
    const line = lineOf('types', '    type: zx_status_t');
    expect(withEdit('types', (t) => t.replace('    type: zx_status_t', '    type: zx_status'))).toEqual([
      `defs/types.yaml:${line}:11: unknown integer type "zx_status" (did you mean zx_status_t?)`,
    ]);
  });

  it('a misspelt name in a checks list is not also a handle left unresolved', () => {
    const line = lineOf('socket', '      - handle\n');
    expect(withEdit('socket', (t) => t.replace('      - handle\n', '      - handel\n'))).toEqual([
      `defs/socket.yaml:${line}:9: unknown parameter "handel" (did you mean handle?)`,
    ]);
  });

  it('a misspelt required key is one unknown key, not also a missing one', () => {
    expect(diagnosticsOf({ 'thing.yaml': POKE.replace('    description:', '    descripton:') })).toEqual([
      'defs/thing.yaml:16:5: unknown key "descripton" in syscall thing_poke (did you mean description?) ' +
        '(expected one of: summary, implemented, unsupported_reason, attributes, params, returns, rights, checks, errors, description, return_value, limitations, see_also)',
    ]);
  });

  it('a tab in the indentation is named alone, with the count of the errors it caused', () => {
    const text = withLine(6, '\t      type: zx_handle_t');
    const d = diagnosticsOf({ 'thing.yaml': text });
    expect(d).toHaveLength(1);
    expect(d[0]).toMatch(
      /^defs\/thing\.yaml:6:1: YAML syntax error: a tab character in the indentation \(YAML indents with spaces only\) \(\d+ more YAML errors? in this file not shown: they follow from the tab\)$/,
    );
  });

  it('a YAML cascade shows its first three errors and counts the rest', () => {
    const d = diagnosticsOf({ 'thing.yaml': withLine(4, '    params: {a: b') });
    expect(d).toHaveLength(3);
    expect(d[0]).toMatch(/^defs\/thing\.yaml:4:\d+: YAML syntax error: /);
    expect(d[2]).toMatch(/ \(\d+ more YAML errors in this file not shown: they usually follow from the first; fix it and run again\)$/);
  });
});

describe('duplicate constant values', () => {
  const group = (name: string, kind: string, type: string, values: string) =>
    `  ${name}:\n    kind: ${kind}\n    type: ${type}\n    values:\n${values.split('\n').map((v) => `      ${v}`).join('\n')}\n`;
  const consts = (...groups: string[]) => ({ 'extra.yaml': `constants:\n${groups.join('')}` });

  it('refuses a right equal to another right, at the second, naming the first', () => {
    expect(diagnosticsOf(consts(group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_A: 0x100000\nMY_RIGHT_B: 0x200000\nMY_RIGHT_C: 0x100000')))).toEqual([
      'defs/extra.yaml:8:7: constant "MY_RIGHT_C" has the same value (0x100000) as "MY_RIGHT_A" in group mine (defined at defs/extra.yaml:6:7); ' +
        'if it is another name for it, write MY_RIGHT_C: { alias_of: MY_RIGHT_A }; if it belongs to another set of values, give it a group of its own',
    ]);
  });

  it('refuses an object type, a status and a signal repeated in their groups', () => {
    const d = diagnosticsOf(consts(
      group('my_types', 'obj_type', 'zx_obj_type_t', 'MY_OBJ_A: 100\nMY_OBJ_B: 100'),
      group('my_status', 'status', 'zx_status_t', 'MY_ERR_A: -200\nMY_ERR_B: -200'),
      group('my_signals', 'signal', 'zx_signals_t', 'MY_SIGNAL_A: 0x80000000\nMY_SIGNAL_B: 0x80000000'),
    ));
    expect(d.map((x) => x.replace(/ \(defined at.*$/, ''))).toEqual([
      'defs/extra.yaml:7:7: constant "MY_OBJ_B" has the same value (100) as "MY_OBJ_A" in group my_types',
      'defs/extra.yaml:13:7: constant "MY_ERR_B" has the same value (-200) as "MY_ERR_A" in group my_status',
      'defs/extra.yaml:19:7: constant "MY_SIGNAL_B" has the same value (0x80000000) as "MY_SIGNAL_A" in group my_signals',
    ]);
  });

  it('accepts a value repeated in another group, in aggregates, and among limits', () => {
    expect(diagnosticsOf(consts(
      group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_A: 0x100000\nMY_SET_1: [MY_RIGHT_A]\nMY_SET_2: [MY_RIGHT_A]'),
      group('yours', 'right', 'zx_rights_t', 'YOUR_RIGHT_A: 0x100000'),
      group('my_limits', 'limit', 'uint32_t', 'MY_MAX_A: 64\nMY_MAX_B: 64'),
    ))).toEqual([]);
  });

  it('accepts a value repeated under alias_of, and the alias carries its target and value', () => {
    const r = load(consts(group('my_status', 'status', 'zx_status_t', 'MY_ERR_OLD_NAME: { alias_of: MY_ERR_A }\nMY_ERR_A: -200')));
    expect(r.diagnostics).toEqual([]);
    const alias = r.model?.constants.find((c) => c.name === 'MY_ERR_OLD_NAME');
    expect([alias?.value, alias?.aliasOf]).toEqual([-200, 'MY_ERR_A']);
    // The status-name table keeps one name per value, so the generated object has no duplicate key.
    const constants = generate(r.model!, { docsStyle: 'seed', command: 'x' }).find((f) => f.path === 'constants.ts')!.content;
    expect(constants).toContain("  [-200]: 'MY_ERR_A',");
    expect(constants).not.toContain("'MY_ERR_OLD_NAME'");
  });

  it('refuses an alias of an unknown constant, of another kind, or of itself', () => {
    expect(diagnosticsOf(consts(group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_A: 0x100000\nMY_RIGHT_B: { alias_of: MY_RIGHT_AA }')))).toEqual([
      'defs/extra.yaml:7:31: unknown constant "MY_RIGHT_AA" (did you mean MY_RIGHT_A?)',
    ]);
    expect(diagnosticsOf(consts(group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_B: { alias_of: ZX_ERR_INTERNAL }')))).toEqual([
      'defs/extra.yaml:6:31: alias "MY_RIGHT_B" (kind right) must name a constant of its own kind; "ZX_ERR_INTERNAL" is kind status',
    ]);
    expect(diagnosticsOf(consts(group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_B: { alias_of: MY_RIGHT_B }')))).toEqual([
      'defs/extra.yaml:6:31: constant "MY_RIGHT_B" is defined in terms of itself',
    ]);
  });

  it('says what the alias key is when it is misspelled', () => {
    expect(diagnosticsOf(consts(group('mine', 'right', 'zx_rights_t', 'MY_RIGHT_A: 0x100000\nMY_RIGHT_B: { alias: MY_RIGHT_A }')))).toEqual([
      'defs/extra.yaml:7:21: unknown key "alias" in constant group mine, values, MY_RIGHT_B (did you mean alias_of?) (expected one of: alias_of)',
    ]);
  });
});

describe('a syscall without a summary', () => {
  const files = { 'thing.yaml': POKE.replace('    summary: Poke a thing.\n', '') };
  const styled = (style?: 'seed' | 'abigen-2018') => loadModel(sources(files), style).diagnostics.map(formatDiagnostic);

  it('is an error for the seed page style, positioned at the syscall', () => {
    expect(styled('seed')).toEqual([
      'defs/thing.yaml:2:3: syscall thing_poke has no "summary": add one sentence for the NAME of its page (only --docs-style abigen-2018 accepts a syscall without one)',
    ]);
  });

  it('is accepted for the abigen-2018 style, and by the model alone', () => {
    expect(styled('abigen-2018')).toEqual([]);
    expect(styled()).toEqual([]);
  });

  it('is reported beside other definition-wide errors, not instead of them', () => {
    const both = { 'thing.yaml': files['thing.yaml'].replace('      - { status: ZX_ERR_WRONG_TYPE, text: The handle is not an event. }\n', '') };
    expect(loadModel(sources(both), 'seed').diagnostics.map((d) => d.message.split(' ').slice(0, 4).join(' '))).toEqual([
      'syscall thing_poke can return',
      'syscall thing_poke has no',
    ]);
  });
});

it("zxkit's own definitions all have summaries", () => {
  expect(loadModel(defsSources(join(repoRoot, 'defs')), 'seed').diagnostics.map(formatDiagnostic)).toEqual([]);
});
