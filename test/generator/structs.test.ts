// generated/structs.ts: layouts per data model (computed by C's rules, checked against the
// offsets written in types.yaml), and codecs that round-trip every struct in every model.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { CODECS, LAYOUTS, SCALAR_SIZES, type DataModel } from '../../generated/structs.js';
import type { zx_info_handle_basic_t, zx_info_socket_t, zx_packet_signal_t, zx_port_packet_t } from '../../generated/types.js';
import { diagnosticsOf, repoRoot } from './helpers.js';

interface YamlStruct {
  size: number;
  fields: { name: string; type: string; offset: number; count?: number; pointer?: string }[];
}
// Structs may be declared in any definition file (task-types.yaml holds the task records).
const written: Record<string, YamlStruct> = Object.assign(
  {},
  ...readdirSync(join(repoRoot, 'defs')).filter((f) => f.endsWith('.yaml')).map((f) => (parse(readFileSync(join(repoRoot, 'defs', f), 'utf8')) as { structs?: Record<string, YamlStruct> }).structs ?? {}),
);
const MODELS: DataModel[] = ['lp64', 'wasm32'];

describe('struct layouts', () => {
  it('LP64 offsets and sizes are the ones written in types.yaml, for every struct', () => {
    expect(Object.keys(LAYOUTS.lp64).sort()).toEqual(Object.keys(written).sort());
    for (const [name, s] of Object.entries(written)) {
      const l = LAYOUTS.lp64[name as keyof typeof LAYOUTS.lp64];
      expect(l.size, name).toBe(s.size);
      expect(l.offsets, name).toEqual(Object.fromEntries(s.fields.map((f) => [f.name, f.offset])));
    }
  });

  // ILP32 figures from clang's wasm32 layout (shared/spec/c-headers.md §5).
  it('wasm32 shrinks size_t and pointers to 4 bytes and keeps 64-bit integers 8-aligned', () => {
    expect(LAYOUTS.wasm32.zx_info_socket_t).toEqual({
      size: 24, align: 4,
      offsets: { options: 0, rx_buf_max: 4, rx_buf_size: 8, rx_buf_available: 12, tx_buf_max: 16, tx_buf_size: 20 },
    });
    expect(LAYOUTS.wasm32.zx_channel_call_args_t).toEqual({
      size: 32, align: 4,
      offsets: { wr_bytes: 0, wr_handles: 4, rd_bytes: 8, rd_handles: 12, wr_num_bytes: 16, wr_num_handles: 20, rd_num_bytes: 24, rd_num_handles: 28 },
    });
    // Unchanged in both models: the port packet, its signal payload, wait items, handle info.
    for (const name of ['zx_port_packet_t', 'zx_packet_signal_t', 'zx_wait_item_t', 'zx_handle_info_t', 'zx_info_handle_basic_t'] as const) {
      expect(LAYOUTS.wasm32[name], name).toEqual(LAYOUTS.lp64[name]);
    }
    expect(LAYOUTS.wasm32.zx_info_handle_basic_t.align).toBe(8);
    expect([SCALAR_SIZES.lp64.size_t, SCALAR_SIZES.wasm32.size_t, SCALAR_SIZES.wasm32.uint64_t]).toEqual([8, 4, 8]);
  });

  it('a struct laid out alike in both models shares one codec; one that differs has its own', () => {
    expect(CODECS.wasm32.zx_port_packet_t.encode).toBe(CODECS.lp64.zx_port_packet_t.encode);
    expect(CODECS.wasm32.zx_info_socket_t.encode).not.toBe(CODECS.lp64.zx_info_socket_t.encode);
    expect(CODECS.wasm32.zx_info_socket_t.size).toBe(24);
  });
});

/** A value of every struct with a byte form, with no field at zero, so misplaced bytes show. */
const samples = {
  zx_info_handle_basic_t: { koid: 0x1122334455667788n, rights: 0xf0cf, type: 14, related_koid: 0x8000000000000001n, props: 1 } satisfies zx_info_handle_basic_t,
  zx_info_socket_t: { options: 3, rx_buf_max: 257024, rx_buf_size: 9, rx_buf_available: 4, tx_buf_max: 257023, tx_buf_size: 0x7fffffff } satisfies zx_info_socket_t,
  zx_info_handle_count_t: { handle_count: 0xfffffffe },
  zx_port_packet_t: { key: 0xfedcba9876543210n, type: 1, status: -24, payload: Uint8Array.from({ length: 32 }, (_, i) => i + 1) } satisfies zx_port_packet_t,
  zx_packet_signal_t: { trigger: 0x10, observed: 0x8000000c, count: 0xffffffffffffffffn, reserved0: 5n, reserved1: 6n } satisfies zx_packet_signal_t,
  zx_packet_user_t: { c8: Uint8Array.from({ length: 32 }, (_, i) => 255 - i) },
  zx_wait_item_t: { handle: 0x12345678, waitfor: 0xffffffff, pending: 7 },
  zx_handle_info_t: { handle: 0x87654321, type: 4, rights: 0xe, unused: 9 },
  zx_proc_args_t: { protocol: 0x4150585d, version: 0x1000, handle_info_off: 36, args_off: 44, args_num: 2, environ_off: 52, environ_num: 1, names_off: 60, names_num: 3 },
  zx_info_vmo_t: { koid: 0x0102030405060708n, name: Uint8Array.from({ length: 32 }, (_, i) => 0x41 + i), size_bytes: 0x123456789000n, parent_koid: 0x8000000000000002n, num_children: 3, num_mappings: 0x7ffffffe, share_count: 2, flags: 0x1d, committed_bytes: 0x2000n, handle_rights: 0xd0ff, create_options: 1, cache_policy: 3 },
  zx_info_process_t: { return_code: -0x123456789an, started: true, exited: true, debugger_attached: true },
  zx_policy_basic_t: { condition: 12, policy: 0x80000005 },
  zx_policy_timer_slack_t: { min_slack: 0x7edcba9876543210n, default_mode: 2 },
  zx_log_record_t: { reserved: 0x00024024, datalen: 0xfff0, flags: 0x8004, timestamp: -0x7fffffffffffff00n, pid: 0xfedcba9876543210n, tid: 1n },
};

describe('struct codecs', () => {
  it('every struct with a byte form has a sample here (a new struct must add one)', () => {
    expect(Object.keys(CODECS.lp64).sort()).toEqual(Object.keys(samples).sort());
  });

  for (const model of MODELS) {
    it(`${model}: decode(encode(x)) is x for every struct, at an offset, padding zeroed`, () => {
      for (const [name, value] of Object.entries(samples)) {
        const c = CODECS[model][name as keyof typeof samples] as { size: number; encode(v: unknown, b?: Uint8Array, o?: number): Uint8Array; decode(b: Uint8Array, o?: number): unknown };
        const buf = new Uint8Array(c.size + 16).fill(0xaa);
        c.encode(value, buf, 8);
        expect(c.decode(buf, 8), `${model} ${name}`).toEqual(value);
        // Bytes outside the record are untouched; padding inside it is zero.
        expect([...buf.subarray(0, 8), ...buf.subarray(8 + c.size)].every((b) => b === 0xaa), name).toBe(true);
        const layout = LAYOUTS[model][name as keyof typeof samples];
        expect(layout.size).toBe(c.size);
        expect(() => c.decode(new Uint8Array(c.size - 1))).toThrow(RangeError);
      }
    });
  }

  it('fields land at the layout offsets, little-endian, in each model', () => {
    const s = samples.zx_info_socket_t;
    const lp = CODECS.lp64.zx_info_socket_t.encode(s, new Uint8Array(48).fill(0xff));
    expect([...lp.subarray(0, 8)]).toEqual([3, 0, 0, 0, 0, 0, 0, 0]); // options, then 4 bytes of padding
    expect([...lp.subarray(40, 48)]).toEqual([0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]);
    const wasm = CODECS.wasm32.zx_info_socket_t.encode(s);
    expect(wasm.length).toBe(24);
    expect([...wasm.subarray(4, 8)]).toEqual([0x00, 0xec, 0x03, 0x00]); // 257024 = 0x3ec00
    expect([...wasm.subarray(20, 24)]).toEqual([0xff, 0xff, 0xff, 0x7f]);
    const basic = CODECS.lp64.zx_info_handle_basic_t.encode(samples.zx_info_handle_basic_t, new Uint8Array(32).fill(0xff));
    expect([...basic.subarray(16, 32)]).toEqual([1, 0, 0, 0, 0, 0, 0, 0x80, 1, 0, 0, 0, 0, 0, 0, 0]);
  });
});

describe('layout checks in the definitions', () => {
  const struct = (lines: string) => `structs:\n  thing_t:\n${lines}`;

  it('accepts offsets and size that follow C', () => {
    const d = diagnosticsOf({ 'thing.yaml': struct('    size: 16\n    fields:\n      - { name: a, type: uint32_t, offset: 0 }\n      - { name: b, type: uint64_t, offset: 8 }\n') });
    expect(d).toEqual([]);
  });

  it('reports a misplaced field at its offset, and a wrong size at the size', () => {
    const d = diagnosticsOf({ 'thing.yaml': struct('    size: 12\n    fields:\n      - { name: a, type: uint32_t, offset: 0 }\n      - { name: b, type: uint64_t, offset: 4 }\n') });
    expect(d).toEqual([
      'defs/thing.yaml:3:11: thing_t is 16 bytes by C\'s layout rules (LP64), not 12',
      'defs/thing.yaml:6:44: field "b" of thing_t is at offset 8 by C\'s layout rules (LP64), not 4',
    ]);
  });

  it('lays a nested struct and arrays out by their element alignment', () => {
    const d = diagnosticsOf({
      'thing.yaml': struct('    size: 24\n    fields:\n      - { name: c, type: uint8_t, count: 3, offset: 0 }\n      - { name: w, type: zx_wait_item_t, offset: 4 }\n      - { name: s, type: size_t, offset: 16 }\n'),
    });
    expect(d).toEqual([]);
  });

  it('pointer_sized applies to 64-bit ints only', () => {
    const d = diagnosticsOf({ 'thing.yaml': 'types:\n  word_t: { int: 32, pointer_sized: true }\n' });
    expect(d).toEqual(['defs/thing.yaml:2:37: "pointer_sized" applies to 64-bit int types (their LP64 width)']);
  });
});
