// Idioms of ports: user packets in, decoded packets out, and a wait that an AbortSignal or
// closing the port can end although port_wait itself cannot be cancelled.
import { StructureKind } from 'ts-morph';
import { stubName } from '../names.js';
import { methodDoc, zeroStruct, type Ctx } from './generic.js';
import { fieldCount, status, type Idiom } from './idiom.js';
import { decoderName } from '../codecs.js';
import { camel } from './names.js';
import { linked } from '../query.js';

export const portQueue: Idiom = {
  name: 'queue',
  params: ['handle', 'packet'],
  constants: ['ZX_PKT_TYPE_USER'],
  structs: ['zx_port_packet_t'],
  build(ctx, m) {
    const { sc } = m;
    const n = fieldCount(ctx.model, 'zx_port_packet_t', 'payload');
    return {
      decls: [{
        kind: StructureKind.Interface, isExported: true, name: 'PortPacketInit',
        docs: ['A user packet for `Port.queue()`: its type is always ZX_PKT_TYPE_USER.'],
        properties: [
          { name: 'key', type: 'bigint' },
          { name: 'status', hasQuestionToken: true, type: 'number', docs: ['ZX_OK by default.'] },
          { name: 'payload', hasQuestionToken: true, type: 'Uint8Array', docs: [`Up to ${n} bytes, zero-padded.`] },
        ],
      }],
      methods: [{
        name: 'queue',
        docs: [methodDoc(sc, [`Calls \`${stubName(sc)}\` with a user packet built from *packet*.`])],
        parameters: [{ name: 'packet', type: 'PortPacketInit' }],
        returnType: 'void',
        statements: [
          'const handleRaw = rawOf(this);',
          `const payload = new Uint8Array(${n});`,
          `if (packet.payload !== undefined) {`,
          `  if (packet.payload.length > ${n}) throw new RangeError(\`queue(): a payload holds ${n} bytes, got \${packet.payload.length}\`);`,
          '  payload.set(packet.payload);',
          '}',
          `const status = this.syscalls.${stubName(sc)}(handleRaw, { key: packet.key, type: ZX_PKT_TYPE_USER, status: packet.status ?? ZX_OK, payload });`,
          status(sc),
        ],
      }],
    };
  },
};

/** Packet types and the payload struct each carries: ZX_PKT_TYPE_SIGNAL_ONE -> zx_packet_signal_t. */
export function packetPayloads(ctx: Ctx): { struct: string; prop: string; types: string[] }[] {
  const out = new Map<string, string[]>();
  for (const c of ctx.model.constants.filter((x) => x.constKind === 'packet_type')) {
    const words = c.name.replace(/^ZX_PKT_TYPE_/, '').toLowerCase().split('_');
    for (let n = words.length; n > 0; n--) {
      const struct = `zx_packet_${words.slice(0, n).join('_')}_t`;
      const def = linked(ctx.model).structs.get(struct)?.def;
      if (def && def.fields.every((f) => f.pointer === undefined)) {
        out.set(struct, [...(out.get(struct) ?? []), c.name]);
        break;
      }
    }
  }
  return [...out].map(([struct, types]) => ({ struct, prop: camel(struct.replace(/^zx_packet_/, '').replace(/_t$/, '')), types }));
}

export const portWait: Idiom = {
  name: 'wait',
  params: ['handle', 'deadline', 'packet'],
  constants: ['ZX_TIME_INFINITE', 'ZX_PKT_TYPE_USER', 'ZX_ERR_CANCELED'],
  structs: ['zx_port_packet_t'],
  build(ctx, m) {
    const { sc } = m;
    const queue = ctx.plan.syscall('port_queue');
    const payloads = packetPayloads(ctx);
    const n = fieldCount(ctx.model, 'zx_port_packet_t', 'payload');
    const wakeable = queue !== undefined && n >= 16;
    return {
      decls: [
        {
          kind: StructureKind.Interface, isExported: true, name: 'PortPacket',
          extends: ['zx_port_packet_t'],
          docs: ['A packet taken out of a port, with its payload decoded by packet type.'],
          properties: payloads.map((p) => ({
            name: p.prop, hasQuestionToken: true, isReadonly: true, type: p.struct,
            docs: [`The \`${p.struct}\` payload of ${p.types.join(', ')} packets.`],
          })),
        },
        {
          kind: StructureKind.Interface, isExported: true, name: 'PortWaitOptions',
          docs: ['Options of `Port.wait()`.'],
          properties: [
            { name: 'deadline', hasQuestionToken: true, type: 'bigint', docs: ['Absolute deadline on the kernel\'s monotonic clock (ZX_TIME_INFINITE by default).'] },
            { name: 'signal', hasQuestionToken: true, type: 'AbortSignal', docs: ['Aborting rejects the wait with an AbortError.'] },
          ],
        },
        `/** A port packet with its payload decoded by packet type. */\nfunction decodePacket(p: zx_port_packet_t): PortPacket {\n  switch (p.type) {\n${
          payloads.map((x) => `${x.types.map((t) => `    case ${t}:\n`).join('')}      return { ...p, ${x.prop}: ${decoderName(x.struct)}(p.payload) };`).join('\n')
        }\n    default:\n      return { ...p };\n  }\n}`,
        ...(wakeable ? [
          [
            '// A port_wait cannot be cancelled, so an aborted Port.wait() wakes its own kernel wait with a',
            '// private user packet (this key, this magic, its token). A wait that takes out another wait\'s',
            '// wake packet passes it on while that wait is still blocked, and drops it otherwise.',
            'const WAKE_KEY = 0x7a786b69745f776bn;',
            'const WAKE_MAGIC = 0x656b61775f74697an;',
            'let wakeTokens = 0n;',
            'const pendingWakes = new Set<bigint>();',
            '',
            '/** The user packet that wakes the kernel wait of the Port.wait() holding `token`. */',
            'function wakePacket(token: bigint): zx_port_packet_t {',
            `  const payload = new Uint8Array(${n});`,
            '  const v = new DataView(payload.buffer);',
            '  v.setBigUint64(0, token, true);',
            '  v.setBigUint64(8, WAKE_MAGIC, true);',
            '  return { key: WAKE_KEY, type: ZX_PKT_TYPE_USER, status: ZX_OK, payload };',
            '}',
            '',
            '/** The token of a wake packet; undefined for any other packet. */',
            'function wakeTokenOf(p: zx_port_packet_t): bigint | undefined {',
            '  if (p.type !== ZX_PKT_TYPE_USER || p.key !== WAKE_KEY) return undefined;',
            '  const v = new DataView(p.payload.buffer, p.payload.byteOffset, p.payload.byteLength);',
            '  return v.getBigUint64(8, true) === WAKE_MAGIC ? v.getBigUint64(0, true) : undefined;',
            '}',
          ].join('\n'),
        ] : []),
      ],
      properties: [
        { name: '#stash', isReadonly: true, type: 'PortPacket[]', initializer: '[]', docs: ['Packets taken out by waits that were aborted meanwhile; the next wait() returns them first.'] },
        { name: '#pending', isReadonly: true, type: 'Array<(p: PortPacket) => void>', initializer: '[]', docs: ['The pending waits, oldest first: a packet goes to the oldest, whichever kernel wait took it out (Zircon\'s order).'] },
      ],
      methods: [{
        name: 'wait',
        docs: [methodDoc(sc, [
          `Calls \`${stubName(sc)}\` and resolves to the next packet, its payload decoded by type.`,
          wakeable
            ? `Aborting *signal* rejects with an AbortError and wakes the kernel wait with a private \`${stubName(queue!)}\` packet; closing or transferring this port rejects pending waits with ZxError ZX_ERR_CANCELED.`
            : 'Aborting *signal* rejects with an AbortError; the kernel wait ends with the next packet or the deadline.',
          'A deadline that passes throws ZxError ZX_ERR_TIMED_OUT.',
        ])],
        parameters: [{ name: 'options', type: 'PortWaitOptions', initializer: '{}' }],
        returnType: 'Promise<PortPacket>',
        statements: [
          'const { deadline = ZX_TIME_INFINITE, signal } = options;',
          'if (signal?.aborted) return Promise.reject(abortError(signal));',
          'const stashed = this.#stash.shift();',
          'if (stashed !== undefined) return Promise.resolve(stashed);',
          'let handleRaw: number;',
          'try {',
          '  handleRaw = rawOf(this);',
          '} catch (e) {',
          '  return Promise.reject(e);',
          '}',
          'const syscalls = this.syscalls;',
          'const stash = this.#stash;',
          'const pending = this.#pending;',
          'return new Promise<PortPacket>((resolve, reject) => {',
          ...(wakeable ? ['  const token = ++wakeTokens;'] : []),
          '  let settled = false;',
          '  // Settled while its kernel wait is still blocked: wake that wait so it ends.',
          '  const settleEarly = (): void => {',
          '    settled = true;',
          '    pending.splice(pending.indexOf(take), 1);',
          ...(wakeable ? [
            '    pendingWakes.add(token);',
            `    syscalls.${stubName(queue!)}(handleRaw, wakePacket(token));`,
          ] : []),
          '  };',
          '  // Another wait\'s kernel wait took out the packet this (older) wait is owed.',
          '  const take = (p: PortPacket): void => {',
          '    settleEarly();',
          '    resolve(p);',
          '  };',
          '  pending.push(take);',
          '  const stop = (reason: unknown): void => {',
          '    if (settled) return;',
          '    settleEarly();',
          '    reject(reason);',
          '  };',
          '  const onAbort = (): void => stop(abortError(signal!));',
          "  const unhook = onRelease(this, () => stop(new ZxError(ZX_ERR_CANCELED, 'zx_port_wait', 'the port handle was closed or transferred while waiting')));",
          "  signal?.addEventListener('abort', onAbort, { once: true });",
          '  void (async () => {',
          '    try {',
          '      for (;;) {',
          `        const packet: zx_port_packet_t = ${zeroStruct(ctx, 'zx_port_packet_t')};`,
          `        const status = await syscalls.${stubName(sc)}(handleRaw, deadline, packet);`,
          '        if (status !== ZX_OK) {',
          '          if (!settled) {',
          '            settled = true;',
          '            pending.splice(pending.indexOf(take), 1);',
          `            reject(new ZxError(status, '${stubName(sc)}'));`,
          '          }',
          '          return;',
          '        }',
          ...(wakeable ? [
            '        const wake = wakeTokenOf(packet);',
            '        if (wake !== undefined) {',
            '          if (wake === token) {',
            '            pendingWakes.delete(token);',
            '            return;',
            '          }',
            `          if (pendingWakes.has(wake)) syscalls.${stubName(queue!)}(handleRaw, packet);`,
            '          continue;',
            '        }',
          ] : []),
          '        const decoded = decodePacket(packet);',
          '        const oldest = pending[0];',
          '        if (!settled && oldest === take) {',
          '          settled = true;',
          '          pending.shift();',
          '          resolve(decoded);',
          '          return;',
          '        }',
          '        if (oldest !== undefined) {',
          '          oldest(decoded);',
          '          if (!settled) continue;',
          '        } else stash.push(decoded);',
          ...(wakeable ? ['        pendingWakes.delete(token);'] : []),
          '        return;',
          '      }',
          '    } finally {',
          "      signal?.removeEventListener('abort', onAbort);",
          '      unhook();',
          '    }',
          '  })();',
          '});',
        ],
      }],
    };
  },
};

