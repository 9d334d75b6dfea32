import { beforeAll, describe, expect, it } from 'vitest';
import { parseAbigen } from '../../generator/abigen/parse.js';
import { emitDocs } from '../../generator/backends/docs.js';
import { renderPage } from '../../generator/docs/page.js';
import { linkReferences } from '../../generator/docs/references.js';
import { parseSentence, sentenceFormFor, tokenizeRights } from '../../generator/docs/rights-forms.js';
import { renderRights } from '../../generator/docs/rights.js';
import { renderPrototype, synopsisIncludes } from '../../generator/docs/synopsis.js';
import { FORMAT_VERSION, type Model, type ParamDef, type RightsClause, type SyscallDef } from '../../generator/model.js';
import { readSeedPage, readZirconFixture, ZIRCON_TAG } from '../fixtures.js';
import { abigenRights } from '../rights-text.js';
import { section } from '../page-sections.js';

const POS = { file: 'test', line: 1, col: 1 };

function param(name: string, type: string, extra: Partial<ParamDef> = {}): ParamDef {
  return { name, type, dir: 'in', optional: false, source: POS, ...extra };
}

function syscall(name: string, extra: Partial<SyscallDef> = {}): SyscallDef {
  return {
    kind: 'syscall',
    implemented: true,
    name,
    family: 'test',
    summary: '',
    attributes: [],
    params: [],
    returns: 'zx_status_t',
    rights: undefined,
    checks: [],
    errors: [],
    description: '',
    returnValue: '',
    seeAlso: [],
    source: POS,
    ...extra,
  };
}

const handle = (name: string): ParamDef => param(name, 'zx_handle_t');
const out = (name: string, type: string): ParamDef => param(name, type, { dir: 'out' });

describe('renderPrototype (§3.3)', () => {
  it('channel_call: form B, const IN array, outputs as pointers', () => {
    const sc = syscall('channel_call', {
      params: [
        handle('handle'),
        param('options', 'uint32_t'),
        param('deadline', 'zx_time_t'),
        param('args', 'zx_channel_call_args_t', { count: 1 }),
        out('actual_bytes', 'uint32_t'),
        out('actual_handles', 'uint32_t'),
      ],
    });
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_channel_call(zx_handle_t handle,',
        '                            uint32_t options,',
        '                            zx_time_t deadline,',
        '                            const zx_channel_call_args_t* args,',
        '                            uint32_t* actual_bytes,',
        '                            uint32_t* actual_handles);',
      ].join('\n'),
    );
  });

  it('object_wait_many: INOUT array has no const', () => {
    const sc = syscall('object_wait_many', {
      params: [
        param('items', 'zx_wait_item_t', { dir: 'inout', count: 'count' }),
        param('count', 'size_t'),
        param('deadline', 'zx_time_t'),
      ],
    });
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_object_wait_many(zx_wait_item_t* items,',
        '                                size_t count,',
        '                                zx_time_t deadline);',
      ].join('\n'),
    );
  });

  it('vmar_map: seven parameters aligned', () => {
    const sc = syscall('vmar_map', {
      params: [
        handle('handle'),
        param('options', 'zx_vm_option_t'),
        param('vmar_offset', 'uint64_t'),
        handle('vmo'),
        param('vmo_offset', 'uint64_t'),
        param('len', 'uint64_t'),
        out('mapped_addr', 'zx_vaddr_t'),
      ],
    });
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_vmar_map(zx_handle_t handle,',
        '                        zx_vm_option_t options,',
        '                        uint64_t vmar_offset,',
        '                        zx_handle_t vmo,',
        '                        uint64_t vmo_offset,',
        '                        uint64_t len,',
        '                        zx_vaddr_t* mapped_addr);',
      ].join('\n'),
    );
  });

  it('port_wait: extra include, sorted after syscalls.h', () => {
    const sc = syscall('port_wait', {
      params: [handle('handle'), param('deadline', 'zx_time_t'), out('packet', 'zx_port_packet_t')],
    });
    expect(synopsisIncludes(sc)).toStrictEqual([
      '#include <zircon/syscalls.h>',
      '#include <zircon/syscalls/port.h>',
    ]);
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_port_wait(zx_handle_t handle,',
        '                         zx_time_t deadline,',
        '                         zx_port_packet_t* packet);',
      ].join('\n'),
    );
  });

  it('smc include', () => {
    const sc = syscall('smc_call', {
      params: [handle('handle'), out('out_smc_result', 'zx_smc_result_t')],
    });
    expect(synopsisIncludes(sc)).toStrictEqual(['#include <zircon/syscalls.h>', '#include <zircon/syscalls/smc.h>']);
  });

  it('pci_add_subtract_io_range: form C', () => {
    const sc = syscall('pci_add_subtract_io_range', {
      params: [
        handle('handle'),
        param('mmio', 'bool'),
        param('base', 'uint64_t'),
        param('len', 'uint64_t'),
        param('add', 'bool'),
      ],
    });
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_pci_add_subtract_io_range(',
        '    zx_handle_t handle, bool mmio, uint64_t base, uint64_t len, bool add);',
      ].join('\n'),
    );
  });

  it('futex_wake_handle_close_thread_exit: form D with noreturn', () => {
    const sc = syscall('futex_wake_handle_close_thread_exit', {
      attributes: ['vdsocall', 'noreturn'],
      returns: 'void',
      params: [
        param('value_ptr', 'zx_futex_t', { count: 1 }),
        param('wake_count', 'uint32_t'),
        param('new_value', 'int32_t'),
        handle('close_handle'),
      ],
    });
    expect(renderPrototype(sc)).toBe(
      [
        '[[noreturn]] void zx_futex_wake_handle_close_thread_exit(',
        '    const zx_futex_t* value_ptr,',
        '    uint32_t wake_count,',
        '    int32_t new_value,',
        '    zx_handle_t close_handle);',
      ].join('\n'),
    );
  });

  it('handle_close_many: form B at two parameters', () => {
    const sc = syscall('handle_close_many', {
      params: [param('handles', 'zx_handle_t', { count: 'num_handles' }), param('num_handles', 'size_t')],
    });
    expect(renderPrototype(sc)).toBe(
      [
        'zx_status_t zx_handle_close_many(const zx_handle_t* handles,',
        '                                 size_t num_handles);',
      ].join('\n'),
    );
  });

  it('process_exit: single line with noreturn', () => {
    const sc = syscall('process_exit', {
      attributes: ['noreturn'],
      returns: 'void',
      params: [param('retcode', 'int64_t')],
    });
    expect(renderPrototype(sc)).toBe('[[noreturn]] void zx_process_exit(int64_t retcode);');
  });

  it('clock_get_monotonic: no parameters gives void', () => {
    const sc = syscall('clock_get_monotonic', { returns: 'zx_time_t' });
    expect(renderPrototype(sc)).toBe('zx_time_t zx_clock_get_monotonic(void);');
  });

  it('any becomes void', () => {
    const sc = syscall('cache_flush', {
      params: [param('addr', 'any', { count: 'size' }), param('size', 'size_t'), param('options', 'uint32_t')],
    });
    expect(renderPrototype(sc)).toBe('zx_status_t zx_cache_flush(const void* addr, size_t size, uint32_t options);');
  });
});

function clause(c: Partial<RightsClause> & { param: string }): RightsClause {
  return { scope: 'self', types: [], rights: [], source: POS, ...c };
}

describe('renderRights (§3.4)', () => {
  const cases: [string, RightsClause][] = [
    [
      '*handle* must be of type **ZX_OBJ_TYPE_CHANNEL** and have **ZX_RIGHT_READ** and have **ZX_RIGHT_WRITE**.',
      clause({ param: 'handle', types: ['ZX_OBJ_TYPE_CHANNEL'], rights: ['ZX_RIGHT_READ', 'ZX_RIGHT_WRITE'] }),
    ],
    [
      'All wr_handles of *args* must have **ZX_RIGHT_TRANSFER**.',
      clause({ param: 'args', scope: 'field', field: 'wr_handles', rights: ['ZX_RIGHT_TRANSFER'] }),
    ],
    [
      'If *options* & **ZX_BTI_PERM_READ**, *vmo* must be of type **ZX_OBJ_TYPE_VMO** and have **ZX_RIGHT_READ**.',
      clause({
        param: 'vmo',
        types: ['ZX_OBJ_TYPE_VMO'],
        rights: ['ZX_RIGHT_READ'],
        when: { param: 'options', op: '&', value: 'ZX_BTI_PERM_READ' },
      }),
    ],
    [
      'If *topic* is **ZX_INFO_PROCESS**, *handle* must be of type **ZX_OBJ_TYPE_PROCESS** and have **ZX_RIGHT_INSPECT**.',
      clause({
        param: 'handle',
        types: ['ZX_OBJ_TYPE_PROCESS'],
        rights: ['ZX_RIGHT_INSPECT'],
        when: { param: 'topic', op: 'is', value: 'ZX_INFO_PROCESS' },
      }),
    ],
    [
      'If *topic* is **ZX_INFO_SOCKET**, *handle* must be of type **ZX_OBJ_TYPE_SOCKET** and have **ZX_RIGHT_INSPECT**.',
      clause({
        param: 'handle',
        types: ['ZX_OBJ_TYPE_SOCKET'],
        rights: ['ZX_RIGHT_INSPECT'],
        when: { param: 'topic', op: 'is', value: 'ZX_INFO_SOCKET' },
      }),
    ],
    [
      'Every entry of *items* must have a *handle* field with **ZX_RIGHT_TRANSFER**.',
      clause({ param: 'items', scope: 'entry_field', field: 'handle', rights: ['ZX_RIGHT_TRANSFER'] }),
    ],
    [
      'Every entry of *handles* must have **ZX_RIGHT_TRANSFER**.',
      clause({ param: 'handles', scope: 'each', rights: ['ZX_RIGHT_TRANSFER'] }),
    ],
    [
      '*handle* must have resource kind **ZX_RSRC_KIND_ROOT**.',
      clause({ param: 'handle', resource: 'ZX_RSRC_KIND_ROOT' }),
    ],
    [
      '*h* must be of type **ZX_OBJ_TYPE_PROCESS** or **ZX_OBJ_TYPE_THREAD** and have **ZX_RIGHT_READ**.',
      clause({ param: 'h', types: ['ZX_OBJ_TYPE_PROCESS', 'ZX_OBJ_TYPE_THREAD'], rights: ['ZX_RIGHT_READ'] }),
    ],
    ['*h* must be of type **ZX_OBJ_TYPE_VMO**.', clause({ param: 'h', types: ['ZX_OBJ_TYPE_VMO'] })],
    ['*h* must have **ZX_RIGHT_WRITE**.', clause({ param: 'h', rights: ['ZX_RIGHT_WRITE'] })],
    [
      '*h* must have **ZX_RIGHT_READ** and have **ZX_RIGHT_WRITE**.',
      clause({ param: 'h', rights: ['ZX_RIGHT_READ', 'ZX_RIGHT_WRITE'] }),
    ],
    [
      '*handle* must be of type **ZX_OBJ_TYPE_SOCKET** and have **ZX_RIGHT_WRITE**.',
      clause({ param: 'handle', types: ['ZX_OBJ_TYPE_SOCKET'], rights: ['ZX_RIGHT_WRITE'] }),
    ],
    [
      'If *topic* is **ZX_INFO_CPU_STATS**, *handle* must have resource kind **ZX_RSRC_KIND_ROOT**.',
      clause({ param: 'handle', resource: 'ZX_RSRC_KIND_ROOT', when: { param: 'topic', op: 'is', value: 'ZX_INFO_CPU_STATS' } }),
    ],
    [
      'If *property* is **ZX_PROP_NAME**, *handle* must be of type **ZX_OBJ_TYPE_PROCESS**.',
      clause({ param: 'handle', types: ['ZX_OBJ_TYPE_PROCESS'], when: { param: 'property', op: 'is', value: 'ZX_PROP_NAME' } }),
    ],
    [
      'If *topic* is **ZX_INFO_X**, *handle* must have **ZX_RIGHT_INSPECT**.',
      clause({ param: 'handle', rights: ['ZX_RIGHT_INSPECT'], when: { param: 'topic', op: 'is', value: 'ZX_INFO_X' } }),
    ],
  ];

  it.each(cases)('%s', (expected, c) => {
    expect(renderRights(syscall('x', { rights: [c] }), 'seed')).toStrictEqual([expected]);
    // And back: the shared table parses the sentence into the same clause.
    const plain = expected.replace(/\*/g, '').replace(/,/g, ' ,').replace(/\.$/, ' .');
    const parsed = parseSentence(tokenizeRights(plain));
    const { source: _source, ...shape } = c;
    expect(parsed?.clause).toStrictEqual(shape);
  });

  it('none and unstated', () => {
    expect(renderRights(syscall('x', { rights: 'none' }), 'seed')).toStrictEqual(['None.']);
    expect(renderRights(syscall('x', { rights: 'none' }), 'abigen-2018')).toStrictEqual(['None.']);
    expect(renderRights(syscall('x'), 'seed')).toStrictEqual(['None.']);
    expect(renderRights(syscall('x'), 'abigen-2018')).toStrictEqual(['TODO(ZX-2399)']);
  });

  it('a clause with no sentence form is an error with its source position', () => {
    const bad = clause({ param: 'h', scope: 'field', field: 'f', rights: ['ZX_RIGHT_READ'], types: ['ZX_OBJ_TYPE_VMO'] });
    expect(sentenceFormFor(bad)).toBeUndefined();
    expect(() => renderRights(syscall('x', { rights: [bad] }), 'seed')).toThrow(/^test:1:1: .*fits no RIGHTS/);
  });
});

// ---- the seed page ----------------------------------------------------------------

function socketShare(): SyscallDef {
  return syscall('socket_share', {
    family: 'socket',
    summary: 'Send another socket object via a socket.',
    params: [handle('handle'), handle('socket_to_share')],
    rights: [
      clause({ param: 'handle', types: ['ZX_OBJ_TYPE_SOCKET'], rights: ['ZX_RIGHT_WRITE'] }),
      clause({ param: 'socket_to_share', types: ['ZX_OBJ_TYPE_SOCKET'], rights: ['ZX_RIGHT_TRANSFER'] }),
    ],
    description: [
      '`zx_socket_share()` attempts to send a new socket via an existing socket',
      'connection. The signal **ZX_SOCKET_SHARE** is asserted when it is possible',
      'to send a socket.',
      '',
      "On success, the *socket_to_share* is placed into the *handle*'s share",
      "queue, and is no longer accessible to the caller's process. On any",
      'failure, *socket_to_share* is discarded rather than transferred.',
      '',
    ].join('\n'),
    returnValue:
      '`zx_socket_share()` returns **ZX_OK** on success. In the event of failure,\none of the following values is returned.',
    errors: [
      { status: 'ZX_ERR_BAD_HANDLE', text: 'The handle *handle* or *socket_to_share* is invalid.' },
      { status: 'ZX_ERR_WRONG_TYPE', text: 'The handle *handle* or *socket_to_share* is not a socket handle.' },
      {
        status: 'ZX_ERR_ACCESS_DENIED',
        text: 'The handle *handle* lacks **ZX_RIGHT_WRITE** or\nthe handle *socket_to_share* lacks **ZX_RIGHT_TRANSFER**.\n',
      },
      {
        status: 'ZX_ERR_BAD_STATE',
        text: [
          'The *socket_to_share* was a handle to the same socket',
          'as *handle* or to the other endpoint of *handle* or the *socket_to_share* itself',
          'is capable of sharing.',
        ].join('\n'),
      },
      { status: 'ZX_ERR_SHOULD_WAIT', text: 'There is already a socket in the share queue.' },
      {
        status: 'ZX_ERR_NOT_SUPPORTED',
        text: 'This socket does not support the transfer of sockets.\nIt was not created with the **ZX_SOCKET_HAS_ACCEPT** option.',
      },
      { status: 'ZX_ERR_PEER_CLOSED', text: "The socket endpoint's peer is closed." },
    ],
    limitations: 'The socket share queue is only one element deep.\n',
    seeAlso: ['socket_write', 'socket_accept', 'socket_read', 'socket_create'],
  });
}

const SOCKET_NAMES = ['socket_accept', 'socket_create', 'socket_read', 'socket_share', 'socket_write'];

function model(syscalls: SyscallDef[]): Model {
  return { formatVersion: FORMAT_VERSION, types: [], structs: [], constants: [], syscalls };
}

describe('seed page', () => {
  it('socket_share equals the seed page (test/seed/socket_share.md) byte for byte', () => {
    const page = renderPage(socketShare(), { style: 'seed', known: new Set(SOCKET_NAMES) });
    expect(page).toBe(readSeedPage());
  });

  it('emitDocs writes docs/<name>.md for every syscall', () => {
    const others = SOCKET_NAMES.filter((n) => n !== 'socket_share').map((n) => syscall(n, { attributes: ['internal'] }));
    const files = emitDocs(model([socketShare(), ...others]), { docsStyle: 'seed', command: 'npm run regen' });
    expect(files.map((f) => f.path)).toStrictEqual([
      'docs/socket_share.md',
      'docs/socket_accept.md',
      'docs/socket_create.md',
      'docs/socket_read.md',
      'docs/socket_write.md',
    ]);
    expect(files[0]?.content).toBe(readSeedPage());
  });

  it('links prose references and unlinks the page itself (§3.6)', () => {
    const sc = syscall('socket_share', {
      description: 'See **zx_socket_read()** and [`socket_write`](), not `zx_socket_create()`; **zx_socket_share()**.',
      seeAlso: [],
    });
    const page = renderPage(sc, { style: 'seed', known: new Set(SOCKET_NAMES) });
    expect(page).toContain(
      'See [`zx_socket_read()`] and [`zx_socket_write()`], not `zx_socket_create()`; `zx_socket_share()`.',
    );
    expect(page.endsWith('\n\n[`zx_socket_read()`]: socket_read.md\n[`zx_socket_write()`]: socket_write.md\n')).toBe(
      true,
    );
    expect(page).not.toContain('## SEE ALSO');
  });

  it('a page without references has no references block and one final newline', () => {
    const page = renderPage(syscall('foo', { summary: 'Foo.' }), { style: 'seed', known: new Set(['foo']) });
    expect(page).not.toContain('References updated');
    // A syscall that documents no error cannot fail: its ERRORS section, the last, says so.
    expect(page.endsWith('## ERRORS\n\nNone.\n')).toBe(true);
    expect(page.endsWith('\n\n')).toBe(false);
  });

  it('linkReferences ignores names that only share a prefix', () => {
    const r = linkReferences('**zx_channel_call_finish()** [`zx_channel_call()`]', 'x', new Set(['channel_call', 'channel_call_finish']));
    expect(r.text).toBe('[`zx_channel_call_finish()`] [`zx_channel_call()`]');
    expect(r.referred).toStrictEqual(['channel_call', 'channel_call_finish']);
  });
});

// ---- parity with the 2018 pages -----------------------------------------------------

interface AbigenEntry {
  readonly sc: SyscallDef;
  /** null: no `#!` lines */
  readonly rightsText: string | null;
}

/** syscalls.abigen through the real parser (generator/abigen/parse.ts). */
function readAbigen(text: string): AbigenEntry[] {
  const { syscalls, diagnostics } = parseAbigen(text, 'syscalls.abigen');
  // The 2018 file's three stray attribute words (see test/abigen/parse.test.ts) are its only defects.
  if (diagnostics.length !== 3) throw new Error(`unexpected abigen diagnostics: ${diagnostics.map((d) => d.message).join('; ')}`);
  return syscalls.map((a) => ({
    sc: syscall(a.name, {
      summary: a.summary ?? '',
      attributes: a.attributes,
      returns: a.returns,
      params: a.params.map((p) => {
        const terms = p.size?.terms;
        const count = terms === undefined ? undefined : terms.length === 1 ? terms[0] : terms.join('*');
        return param(p.name, p.type, count === undefined ? { dir: p.dir } : { dir: p.dir, count });
      }),
    }),
    rightsText: a.rightsTokens === undefined ? null : a.rightsTokens.join(' '),
  }));
}



describe('parity with the 2018 pages (Zircon fixtures)', { tags: [ZIRCON_TAG] }, () => {
  let reference: Record<string, { name_section: string; synopsis_section: string; rights_section: string }>;
  let entries: AbigenEntry[];
  let known: Set<string>;
  beforeAll(() => {
    reference = JSON.parse(readZirconFixture('reference-sections.json')) as typeof reference;
    entries = readAbigen(readZirconFixture('syscalls.abigen'));
    known = new Set(entries.map((e) => e.sc.name));
  });

  it('reads all 170 declarations, one per reference page', () => {
    expect(entries.length).toBe(170);
    expect([...known].sort()).toStrictEqual(Object.keys(reference).sort());
  });

  it('renderPrototype and includes reproduce every SYNOPSIS', () => {
    const mismatches: string[] = [];
    for (const { sc } of entries) {
      const want = /```\n([\s\S]*)\n```/.exec(reference[sc.name]?.synopsis_section ?? '')?.[1];
      const got = [...synopsisIncludes(sc), '', renderPrototype(sc)].join('\n');
      if (got !== want) mismatches.push(`${sc.name}:\n${got}\n--- want ---\n${want ?? '(none)'}`);
    }
    expect(mismatches).toStrictEqual([]);
  });

  it('abigen-2018 pages reproduce every NAME, SYNOPSIS and RIGHTS section', () => {
    let matched = 0;
    const mismatches: string[] = [];
    for (const { sc, rightsText } of entries) {
      const page = renderPage({ ...sc, rights: abigenRights(rightsText, POS) }, { style: 'abigen-2018', known });
      const want = reference[sc.name];
      for (const [heading, key] of [
        ['NAME', 'name_section'],
        ['SYNOPSIS', 'synopsis_section'],
        ['RIGHTS', 'rights_section'],
      ] as const) {
        const got = section(page, heading);
        if (got === want?.[key]) matched++;
        else mismatches.push(`${sc.name} ${heading}:\n${got}\n--- want ---\n${want?.[key] ?? '(none)'}`);
      }
    }
    expect(mismatches).toStrictEqual([]);
    expect(matched).toBe(3 * 170);
  });
});
