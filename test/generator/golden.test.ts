// Generated pages against fixed truths: the seed page (byte for byte), the 2018 SYNOPSIS of
// the same syscalls, and golden files that pin whole pages against accidental change.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { defsSources, generate, loadModel } from '../../generator/pipeline.js';
import { readSeedPage, readZirconFixture, ZIRCON_TAG } from '../fixtures.js';
import { repoRoot } from './helpers.js';
import { section } from '../page-sections.js';

const { model, diagnostics } = loadModel(defsSources(join(repoRoot, 'defs')));
const files = model ? generate(model, { docsStyle: 'seed', command: 'npm run regen' }) : [];
const page = (name: string) => files.find((f) => f.path === `docs/${name}.md`)?.content ?? '';


describe('reference pages', () => {
  it('loads the definitions without diagnostics', () => {
    expect(diagnostics).toEqual([]);
    // Lower bounds: the README tutorial adds a syscall, and the suite must stay green after it.
    expect(model?.syscalls.length).toBeGreaterThanOrEqual(170);
    expect(model?.syscalls.filter((s) => s.implemented).length).toBeGreaterThanOrEqual(29);
  });

  it('renders socket_share byte for byte as the seed page', () => {
    expect(page('socket_share')).toBe(readSeedPage());
  });

  it('keeps the committed seed page identical to the seed', () => {
    expect(readFileSync(join(repoRoot, 'generated', 'docs', 'socket_share.md'), 'utf8')).toBe(readSeedPage());
  });

  for (const name of ['socket_create', 'channel_call', 'object_get_info']) {
    it(`renders ${name}'s SYNOPSIS exactly as the 2018 page`, { tags: [ZIRCON_TAG] }, () => {
      const sections = JSON.parse(readZirconFixture('reference-sections.json')) as Record<string, { synopsis_section: string }>;
      expect(section(page(name), 'SYNOPSIS')).toBe(sections[name].synopsis_section);
    });
    it(`matches the golden page for ${name}`, async () => {
      await expect(page(name)).toMatchFileSnapshot(join(repoRoot, 'test', 'golden', `${name}.md`));
    });
  }

  it('wraps channel_call one parameter per line, aligned under the parenthesis', () => {
    const proto = section(page('channel_call'), 'SYNOPSIS').split('\n').filter((l) => l.includes('zx_') || l.startsWith(' '));
    expect(proto[0]).toBe('zx_status_t zx_channel_call(zx_handle_t handle,');
    expect(proto.slice(1, -1).every((l) => l.startsWith(' '.repeat('zx_status_t zx_channel_call('.length)))).toBe(true);
  });

  it('renders object_get_info conditional rights as "If topic is ..." sentences', () => {
    const rights = section(page('object_get_info'), 'RIGHTS');
    expect(rights).toContain('If *topic* is **ZX_INFO_SOCKET**, *handle* must be of type **ZX_OBJ_TYPE_SOCKET** and have **ZX_RIGHT_INSPECT**.');
    expect(rights).toContain('If *topic* is **ZX_INFO_HANDLE_COUNT**, *handle* must have **ZX_RIGHT_INSPECT**.');
  });

  it('gives every syscall a page with every section, in order', () => {
    for (const sc of model?.syscalls ?? []) {
      const text = page(sc.name);
      const headings = text.split('\n').filter((l) => l.startsWith('## '));
      const expected = ['## NAME', '## SYNOPSIS', '## DESCRIPTION', '## RIGHTS', '## RETURN VALUE', '## ERRORS'];
      expect(headings.slice(0, 6), sc.name).toEqual(expected);
      if (sc.seeAlso.length) expect(headings.at(-1), sc.name).toBe('## SEE ALSO');
      // An internal syscall has no stub at all, so nothing returns NOT_SUPPORTED for it.
      const note = sc.attributes.includes('internal') ? 'no program can make the call' : 'returns **ZX_ERR_NOT_SUPPORTED**';
      if (!sc.implemented) expect(section(text, 'DESCRIPTION'), sc.name).toContain(note);
      // NAME is a capitalised sentence; an imported syscall without a summary keeps the 2018 TODO.
      expect(section(text, 'NAME'), sc.name).toMatch(sc.summary ? /\n\n[A-Z].*\.$/ : /\n\nTODO\(ZX-3106\)$/);
      for (const e of sc.errors) expect(section(text, 'ERRORS'), sc.name).toContain(`**${e.status}**`);
      expect(text.endsWith('\n') && !text.endsWith('\n\n'), sc.name).toBe(true);
    }
  });
});
