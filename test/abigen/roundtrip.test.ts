// Round trip: abigen -> zxkit YAML -> model -> abigen. The exported text is not the original
// byte for byte, but it parses to the same syscalls: parameters (names, types, arrays,
// directions, attributes), syscall attributes, summaries and rights sentences (as tokens).
import { beforeAll, describe, expect, it } from 'vitest';
import { exportAbigen } from '../../generator/abigen/export.js';
import { importAbigen } from '../../generator/abigen/import.js';
import { parseAbigen, type AbigenFile, type AbigenSyscall } from '../../generator/abigen/parse.js';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import type { Model } from '../../generator/model.js';
import { defsSources, loadModel } from '../../generator/pipeline.js';
import { readZirconFixture, ZIRCON_TAG } from '../fixtures.js';
import { repoRoot, sources } from '../generator/helpers.js';

const types = sources({}).filter((s) => s.stem === 'types');

function load(files: readonly { path: string; content: string }[]): Model {
  const { model, diagnostics } = loadModel([
    ...types,
    ...files.map((f) => ({ path: `imported/${f.path}`, stem: f.path.replace(/\.yaml$/, ''), text: f.content })),
  ]);
  expect(diagnostics.map(formatDiagnostic)).toStrictEqual([]);
  if (!model) throw new Error('no model');
  return model;
}

/**
 * What abigen says about a syscall, with the spellings that mean the same thing made equal:
 * `handle_acquire` is implied on every single zx_handle_t output (the model always acquires
 * them, and the 2018 file leaves the word out on some), and `OUT` is implied on outputs
 * listed in returns (...).
 */
function normalise(sc: AbigenSyscall) {
  return {
    attributes: sc.attributes,
    returns: sc.returns,
    summary: sc.summary ?? null,
    params: sc.params.map((p) => ({
      name: p.name,
      type: p.type,
      size: p.size?.terms ?? null,
      dir: p.dir,
      inReturns: p.isReturn,
      attributes: [
        ...new Set([
          ...p.attributes.filter((a) => !(p.isReturn && a === 'OUT')),
          ...(p.dir === 'out' && p.type === 'zx_handle_t' && p.size === undefined ? ['handle_acquire'] : []),
        ]),
      ].sort(),
    })),
    rights: sc.rights?.map((s) => s.tokens.join(' ')) ?? null,
    rightsTokens: sc.rightsTokens ?? null,
  };
}

describe('the real syscalls.abigen survives import and export', { tags: [ZIRCON_TAG] }, () => {
  let original: AbigenFile;
  let exported: string;
  let again: AbigenFile;
  beforeAll(() => {
    const real = readZirconFixture('syscalls.abigen');
    original = parseAbigen(real, 'syscalls.abigen');
    exported = exportAbigen(load(importAbigen(real, 'syscalls.abigen').files), { source: 'imported/' });
    again = parseAbigen(exported, 'exported.abigen');
  });

  it('the export parses without diagnostics', () => {
    expect(again.diagnostics.map(formatDiagnostic)).toStrictEqual([]);
    expect(again.syscalls).toHaveLength(170);
  });

  it('every syscall is equivalent to the original', () => {
    const byName = new Map(again.syscalls.map((s) => [s.name, s]));
    const differ: string[] = [];
    for (const sc of original.syscalls) {
      const other = byName.get(sc.name);
      const want = JSON.stringify(normalise(sc));
      const got = other ? JSON.stringify(normalise(other)) : '(missing)';
      if (got !== want) differ.push(`${sc.name}\n  original: ${want}\n  exported: ${got}`);
    }
    expect(differ).toStrictEqual([]);
  });

  it('the normalisation only forgives implied words', () => {
    // Without it, exactly the outputs whose handle_acquire or OUT was left implicit differ.
    const byName = new Map(again.syscalls.map((s) => [s.name, s]));
    const words = (sc: AbigenSyscall) => sc.params.map((p) => `${p.name}:${p.attributes.join(' ')}`).join(',');
    const differ = original.syscalls.filter((sc) => words(sc) !== words(byName.get(sc.name)!)).map((sc) => sc.name);
    expect(differ.sort()).toStrictEqual([
      'interrupt_create', 'object_get_child', 'pager_create', 'pager_create_vmo', 'smc_call', 'vcpu_resume',
    ]);
  });

  it('export is a fixed point: importing the export and exporting again changes nothing', () => {
    const second = exportAbigen(load(importAbigen(exported, 'exported.abigen').files), { source: 'imported/' });
    expect(second).toBe(exported);
  });
});

describe("zxkit's own definitions export to abigen", () => {
  const { model } = loadModel(defsSources(`${repoRoot}/defs`));
  if (!model) throw new Error('defs do not load');
  const text = exportAbigen(model, { source: 'defs' });

  it('parses, re-imports and loads', () => {
    const parsed = parseAbigen(text, 'defs.abigen');
    expect(parsed.diagnostics.map(formatDiagnostic)).toStrictEqual([]);
    expect(parsed.syscalls.map((s) => s.name)).toStrictEqual(model.syscalls.map((s) => s.name));
    const back = load(importAbigen(text, 'defs.abigen').files);
    const shape = (m: Model) =>
      m.syscalls.map((sc) => ({
        name: sc.name,
        summary: sc.summary,
        attributes: sc.attributes,
        returns: sc.returns,
        params: sc.params.map((p) => ({
          name: p.name, type: p.type, dir: p.dir, count: p.count, optional: p.optional,
          // abigen carries ownership for single handles only.
          ownership: p.count === undefined && p.type === 'zx_handle_t' ? p.handle?.ownership : undefined,
        })),
        rights: sc.rights === 'none' || sc.rights === undefined ? sc.rights : sc.rights.map(({ source: _s, ...c }) => c),
      }));
    const byName = (m: Model) => shape(m).sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(byName(back)).toStrictEqual(byName(model));
  });
});
