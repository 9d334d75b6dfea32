// Parity with the 2018 pages: import the real syscalls.abigen into a temp folder, load it as
// any defs folder is loaded (zxkit's types.yaml added), render abigen-2018 pages through the
// whole pipeline, and compare NAME, SYNOPSIS and RIGHTS with the 170 real pages.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importAbigenToDir } from '../../generator/abigen/import.js';
import { TODO_MARKER } from '../../generator/names.js';
import { formatDiagnostic, type Diagnostic } from '../../generator/diagnostics.js';
import { abigenDescription } from '../../generator/docs-sync/regions.js';
import { defsSources, generate, loadModel } from '../../generator/pipeline.js';
import type { Model } from '../../generator/model.js';
import { readZirconFixture, ZIRCON_TAG, zirconFixturePath } from '../fixtures.js';
import { section } from '../page-sections.js';

type Sections = { name_section: string; synopsis_section: string; rights_section: string };

describe('import of the real syscalls.abigen renders the 2018 pages (NAME, SYNOPSIS, RIGHTS)', { tags: [ZIRCON_TAG] }, () => {
  let reference: Record<string, Sections>;
  let diagnostics: string[];
  let model: Model | null;
  let loadDiags: Diagnostic[];
  let dir = '';
  beforeAll(() => {
    reference = JSON.parse(readZirconFixture('reference-sections.json')) as Record<string, Sections>;
    dir = mkdtempSync(join(tmpdir(), 'zxkit-abigen-parity-'));
    diagnostics = importAbigenToDir(zirconFixturePath('syscalls.abigen'), dir).map(formatDiagnostic);
    ({ model, diagnostics: loadDiags } = loadModel(defsSources(dir)));
  });
  afterAll(() => {
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  it('imports with only the stray attribute words reported', () => {
    expect(diagnostics.map((d) => d.replace(/^.*syscalls\.abigen:/, '').replace(/ \(expected.*$/, ''))).toStrictEqual([
      '117:46: unknown attribute "features" on parameter "features"',
      '1108:50: unknown attribute "pager" on parameter "out_pager"',
      '1112:54: unknown attribute "out_pager_vmo" on parameter "out_pager_vmo"',
    ]);
  });

  it('the imported folder loads with zxkit types.yaml and no diagnostics', () => {
    expect(loadDiags.map(formatDiagnostic)).toStrictEqual([]);
    expect(model?.syscalls.length).toBe(170);
    expect(model?.syscalls.map((s) => s.name).sort()).toStrictEqual(Object.keys(reference).sort());
  });

  it('170/170 pages match on all three sections', () => {
    if (!model) throw new Error('model did not load');
    const pages = new Map(
      generate(model, { docsStyle: 'abigen-2018', command: 'x' })
        .filter((f) => f.path.startsWith('docs/'))
        .map((f) => [f.path.slice('docs/'.length, -'.md'.length), f.content]),
    );
    const mismatches: string[] = [];
    let pagesMatched = 0;
    for (const [name, want] of Object.entries(reference)) {
      const page = pages.get(name);
      let ok = page !== undefined;
      for (const [heading, key] of [['NAME', 'name_section'], ['SYNOPSIS', 'synopsis_section'], ['RIGHTS', 'rights_section']] as const) {
        const got = page === undefined ? '(no page)' : section(page, heading);
        if (got !== want[key]) {
          ok = false;
          mismatches.push(`${name} ${heading}:\n${got}\n--- want ---\n${want[key]}`);
        }
      }
      if (ok) pagesMatched++;
    }
    // Listed in the output when something differs, with both texts.
    if (mismatches.length) console.log(`abigen parity mismatches:\n\n${mismatches.join('\n\n')}`);
    expect(mismatches).toStrictEqual([]);
    expect(pagesMatched).toBe(170);
  });

  it('every summary is kept as written, which is already the 2018 token rebuild of it', () => {
    if (!model) throw new Error('model did not load');
    const written = model.syscalls.filter((sc) => sc.summary !== '');
    expect(written.length).toBe(115);
    expect(written.filter((sc) => abigenDescription(sc.summary) !== sc.summary).map((sc) => sc.name)).toStrictEqual([]);
  });
});
