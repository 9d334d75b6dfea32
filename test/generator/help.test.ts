// --help tells the truth: every command and option commander knows appears in the help that
// users see, and nothing else is claimed.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { buildProgram } from '../../generator/program.js';
import { repoRoot } from './helpers.js';

const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
const help = (...args: string[]) => spawnSync(process.execPath, [cli, ...args, '--help'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });

// One `zxkit --help` process per command, so the time grows with the commands (cc and run made ten).
// One CLI start per command, each seconds long on a loaded machine.
it('lists every command, and each command lists every option it has', { timeout: 120_000 }, () => {
  const program = buildProgram();
  const top = help();
  expect(top.status).toBe(0);
  const listed = [...top.stdout.matchAll(/^ {2}(\S+)/gm)].map((m) => m[1]).filter((w) => !w.startsWith('-') && !/^\d$/.test(w));
  const commands = program.commands.map((c) => c.name());
  expect(listed.filter((w) => w !== 'help').sort()).toEqual([...commands].sort());
  expect(top.stdout).toContain('Exit codes:');
  for (const cmd of program.commands) {
    const text = help(cmd.name());
    expect(text.status, cmd.name()).toBe(0);
    const shown = [...text.stdout.matchAll(/^ {2}(--[a-z-]+)/gm)].map((m) => m[1]).filter((o) => o !== '--help');
    expect(shown.sort(), cmd.name()).toEqual(cmd.options.map((o) => o.long ?? '').sort());
    for (const o of cmd.options) expect(text.stdout, `${cmd.name()} ${o.long}`).toContain(o.description.split(' ')[0]);
  }
});

it('colours diagnostics only when asked, and never under NO_COLOR', () => {
  // A definition error is a diagnostic line, which is what gets coloured.
  const bad = mkdtempSync(join(tmpdir(), 'zxkit-colour-'));
  writeFileSync(join(bad, 'thing.yaml'), 'syscalls: 3\n');
  const missing = (env: Record<string, string>) =>
    spawnSync(process.execPath, [cli, 'regen', '--defs', bad, '--out', join(bad, 'out')], { encoding: 'utf8', env: { ...process.env, ...env } });
  const plain = missing({ NO_COLOR: '1', FORCE_COLOR: '1' });
  expect(plain.status).toBe(1);
  expect(plain.stderr).toMatch(/thing\.yaml:1:11: "syscalls" in the file must be a record, got number 3/);
  expect(plain.stderr).not.toMatch(/\x1b\[/);
  const piped = missing({ NO_COLOR: '', FORCE_COLOR: '' });
  expect(piped.stderr).not.toMatch(/\x1b\[/); // not a terminal
  const forced = missing({ NO_COLOR: '', FORCE_COLOR: '1' });
  expect(forced.stderr).toMatch(/\x1b\[/);
  rmSync(bad, { recursive: true, force: true });
});
