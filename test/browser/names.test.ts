// The playground's name tables come from the model's JSON form: every right, object type and
// signal the inspector names is a single-bit constant of its group, by its short name.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ZX_OBJ_TYPE_CHANNEL, ZX_OBJ_TYPE_PORT, ZX_OBJ_TYPE_SOCKET, ZX_RIGHT_SAME_RIGHTS, ZX_RIGHT_TRANSFER, ZX_SOCKET_ACCEPT, ZX_USER_SIGNAL_0 } from '../../index.js';
import { playgroundNames } from '../../playground/names.js';
import { repoRoot } from '../generator/helpers.js';

const names = playgroundNames(JSON.parse(readFileSync(join(repoRoot, 'generated', 'definitions.json'), 'utf8')));

it('names rights, types and each type\'s signals by their short names, single bits only', () => {
  expect(names.rights).toContainEqual([ZX_RIGHT_TRANSFER, 'TRANSFER']);
  expect(names.rights.map(([bit]) => bit)).not.toContain(ZX_RIGHT_SAME_RIGHTS);
  expect(names.rights.map(([, n]) => n)).not.toContain('RIGHTS_BASIC');
  expect(names.types[ZX_OBJ_TYPE_SOCKET]).toBe('socket');
  expect(names.signals[ZX_OBJ_TYPE_SOCKET]).toContainEqual([ZX_SOCKET_ACCEPT, 'ACCEPT']);
  expect(names.signals[ZX_OBJ_TYPE_CHANNEL]!.map(([, n]) => n)).toEqual(['READABLE', 'WRITABLE', 'PEER_CLOSED']);
  expect(names.signals[ZX_OBJ_TYPE_PORT]).toBeUndefined();
  expect(names.genericSignals).toContainEqual([ZX_USER_SIGNAL_0, 'USER_SIGNAL_0']);
  for (const [bit] of [...names.rights, ...names.genericSignals]) expect(bit & (bit - 1)).toBe(0);
});

it('lists the parameter names of public syscalls by C name', () => {
  expect(names.params['zx_socket_share']).toEqual(['handle', 'socket_to_share']);
  expect(Object.keys(names.params).every((k) => k.startsWith('zx_'))).toBe(true);
});
