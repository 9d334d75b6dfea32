// `zxkit regen --watch` as a user runs it: edits regenerate, bad edits print diagnostics and
// the watcher keeps running, a fixed edit regenerates again.
import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { repoRoot } from './helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'zxkit-watch-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('regenerates on edits and survives a bad edit', async () => {
  cpSync(join(repoRoot, 'defs'), join(dir, 'defs'), { recursive: true });
  const child = spawn(process.execPath, [join(repoRoot, 'dist-gen', 'generator', 'cli.js'), 'regen', '--watch'], { cwd: dir });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const rounds = () => out.split('zxkit regen --watch: watching').length - 1;
  const until = async (cond: () => boolean, what: string) => {
    for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
    if (!cond()) throw new Error(`timed out waiting for ${what}; stdout: ${out}; stderr: ${err}`);
  };
  try {
    await until(() => rounds() >= 1, 'the first regeneration');
    const page = join(dir, 'generated', 'docs', 'event_create.md');
    const yaml = join(dir, 'defs', 'event.yaml');
    const original = readFileSync(yaml, 'utf8');
    const summary = /event_create:\n\s+summary: (.*)\n/.exec(original)?.[1] ?? '';
    expect(summary).not.toBe('');

    writeFileSync(yaml, original.replace(summary, 'Make a brand new event.'));
    await until(() => readFileSync(page, 'utf8').includes('Make a brand new event.'), 'the edited page');

    writeFileSync(yaml, original.replace('type: uint32_t', 'type: uint32'));
    await until(() => err.includes('unknown type "uint32"'), 'the diagnostic');
    expect(err).toMatch(/defs\/event\.yaml:\d+:\d+: unknown type "uint32" \(did you mean uint32_t\?\)/);
    expect(child.exitCode).toBeNull(); // still watching
    expect(readFileSync(page, 'utf8')).toContain('Make a brand new event.'); // previous output intact

    writeFileSync(yaml, original);
    await until(() => readFileSync(page, 'utf8').includes(summary), 'the restored page');
  } finally {
    child.kill();
  }
});
