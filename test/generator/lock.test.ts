// Syscall numbers are stable: inserting, removing and re-adding syscalls never renumbers.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EMPTY_LOCK, parseLock, updateLock } from '../../generator/lock.js';
import type { Model } from '../../generator/model.js';
import { POKE, load, repoRoot } from './helpers.js';

const modelOf = (names: string[]): Model => {
  const base = load({ 'thing.yaml': POKE }).model!;
  const sc = base.syscalls[0];
  return { ...base, syscalls: names.map((name) => ({ ...sc, name })) };
};

describe('syscall lock', () => {
  it('numbers new syscalls in order and keeps them when one is inserted before', () => {
    const first = updateLock(EMPTY_LOCK, modelOf(['a_one', 'c_three']));
    expect(first.numbers).toEqual({ a_one: 0, c_three: 1 });
    const second = updateLock(first, modelOf(['a_one', 'b_two', 'c_three']));
    expect(second.numbers).toEqual({ a_one: 0, c_three: 1, b_two: 2 });
    expect(second.next).toBe(3);
  });

  it('leaves a tombstone for a removed syscall and never reuses its number', () => {
    const l1 = updateLock(EMPTY_LOCK, modelOf(['a_one', 'b_two']));
    const l2 = updateLock(l1, modelOf(['a_one']));
    expect(l2.tombstones).toEqual({ b_two: 1 });
    const l3 = updateLock(l2, modelOf(['a_one', 'd_four']));
    expect(l3.numbers).toEqual({ a_one: 0, d_four: 2 });
    const l4 = updateLock(l3, modelOf(['a_one', 'd_four', 'b_two']));
    expect(l4.numbers.b_two).toBe(1); // a syscall that comes back gets its old number
    expect(l4.tombstones).toEqual({});
  });

  it('rejects a file that is not a lock', () => {
    expect(() => parseLock('{"version":2}')).toThrow(/not a zxkit syscall lock/);
  });
});

describe('syscall lock through zxkit regen', () => {
  const dir = mkdtempSync(join(tmpdir(), 'zxkit-lock-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const cli = join(repoRoot, 'dist-gen', 'generator', 'cli.js');
  const run = (args: string[]) => spawnSync(process.execPath, [cli, ...args], { cwd: dir, encoding: 'utf8' });
  const numberOf = (name: string) => Number(new RegExp(`ZX_SYS_${name} = (\\d+);`).exec(readFileSync(join(dir, 'generated', 'constants.ts'), 'utf8'))?.[1]);

  it('inserts a syscall without renumbering the others, and check sees a stale lock', () => {
    cpSync(join(repoRoot, 'defs'), join(dir, 'defs'), { recursive: true });
    expect(run(['regen']).status).toBe(0);
    const before = JSON.parse(readFileSync(join(dir, 'defs', 'syscalls.lock.json'), 'utf8')) as { numbers: Record<string, number>; next: number };
    expect(Object.keys(before.numbers).length).toBeGreaterThanOrEqual(170);
    // A new family file sorts first ("aaa"), so model order would put it before everything.
    writeFileSync(join(dir, 'defs', 'aaa.yaml'), POKE);
    expect(run(['check']).status).toBe(1);
    expect(run(['regen']).status).toBe(0);
    for (const [name, n] of Object.entries(before.numbers)) expect(numberOf(name), name).toBe(n);
    expect(numberOf('thing_poke')).toBe(before.next);
    expect(run(['check']).status).toBe(0);
  });
});
