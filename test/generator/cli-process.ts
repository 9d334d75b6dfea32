// Running zxkit as a separate process: a long-running `regen --watch`, and zxkit laid out as
// an installed package.
import { spawn } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './helpers.js';

export interface Watcher {
  /** How many regenerations have finished (each ends with the "watching" line). */
  readonly rounds: () => number;
  readonly err: () => string;
  /** Polls `cond` for up to 20 s; throws with the watcher's output if it never holds. */
  readonly until: (cond: () => boolean, what: string) => Promise<void>;
  readonly exitCode: () => number | null;
  readonly kill: () => void;
}

/** Starts `node <cli> regen --watch ...args` in `cwd`. */
export function startWatch(cli: string, args: readonly string[], cwd: string): Watcher {
  const child = spawn(process.execPath, [cli, 'regen', '--watch', ...args], { cwd });
  let out = '';
  let err = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  return {
    rounds: () => out.split('zxkit regen --watch: watching').length - 1,
    err: () => err,
    until: async (cond, what) => {
      for (let i = 0; i < 400 && !cond(); i++) await new Promise((r) => setTimeout(r, 50));
      if (!cond()) throw new Error(`timed out waiting for ${what}; stdout: ${out}; stderr: ${err}`);
    },
    exitCode: () => child.exitCode,
    kill: () => void child.kill(),
  };
}

/**
 * zxkit laid out as an installed package in `pkg` (package.json, defs/types.yaml, templates/,
 * dist/), with its own templates and a version of its own, so a test can change them.
 * Returns the path of its cli.js.
 */
export function installedCopy(pkg: string, version: string): string {
  mkdirSync(join(pkg, 'defs'), { recursive: true });
  const manifest = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as Record<string, unknown>;
  writeFileSync(join(pkg, 'package.json'), JSON.stringify({ ...manifest, version }, null, 2));
  cpSync(join(repoRoot, 'defs', 'types.yaml'), join(pkg, 'defs', 'types.yaml'));
  cpSync(join(repoRoot, 'templates'), join(pkg, 'templates'), { recursive: true });
  cpSync(join(repoRoot, 'dist-gen', 'generator'), join(pkg, 'dist', 'generator'), { recursive: true });
  symlinkSync(join(repoRoot, 'node_modules'), join(pkg, 'node_modules'), 'dir');
  return join(pkg, 'dist', 'generator', 'cli.js');
}
