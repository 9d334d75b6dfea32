// The SYNOPSIS block of a reference page: the #include lines and the C prototype,
// laid out by the pure 80-column rule of reference-pages.md §3.3. That rule reproduces
// the 2018 tool's clang-format output (Google style, BinPackParameters: false) without
// needing clang-format at generation time.
import type { ParamDef, SyscallDef } from '../model.js';
import { stubName } from '../names.js';

const COLUMNS = 80;
const CONTINUATION = '    ';

/** One C parameter declaration, e.g. `const zx_channel_call_args_t* args`. */
export function paramDecl(p: ParamDef): string {
  const isArray = p.count !== undefined;
  // The 2018 tool adds `const` only for IN arrays; scalars are passed by value and
  // outputs/inouts are written by the kernel.
  const constness = p.dir === 'in' && isArray ? 'const ' : '';
  const type = p.type === 'any' ? 'void' : p.type;
  // Every output is a pointer, array or not.
  const pointer = isArray || p.dir !== 'in' ? '*' : '';
  return `${constness}${type}${pointer} ${p.name}`;
}

/** The prototype of `zx_<name>`, 1..n lines joined by `\n`, ending in `);`. */
export function renderPrototype(sc: SyscallDef): string {
  const ret = sc.attributes.includes('noreturn') ? `[[noreturn]] ${sc.returns}` : sc.returns;
  return formatPrototype(ret, stubName(sc), sc.params.map(paramDecl));
}

/** §3.3 `render`: `ret` may carry `[[noreturn]] `; `name` includes `zx_`. */
export function formatPrototype(ret: string, name: string, params: readonly string[]): string {
  const list = params.length === 0 ? ['void'] : params;
  const open = `${ret} ${name}(`;
  if (open.length > COLUMNS && name.length + 1 <= COLUMNS) {
    // clang-format puts the return type on its own line before giving up on alignment.
    return `${ret}\n${layout(`${name}(`, list)}`;
  }
  return layout(open, list);
}

/** §3.3 `layout`: forms A (one line), B (aligned), C (one continuation line), D (one per line). */
function layout(open: string, params: readonly string[]): string {
  const one = `${open}${params.join(', ')});`;
  if (one.length <= COLUMNS) return one;

  const last = params.length - 1;
  const ending = (i: number): string => (i === last ? ');' : ',');
  const pad = ' '.repeat(open.length);
  const aligned = params.map((p, i) => `${i === 0 ? open : pad}${p}${ending(i)}`);
  const alignedFits = aligned.every((line) => line.length <= COLUMNS);
  const packed = `${CONTINUATION}${params.join(', ')});`;
  const packedFits = packed.length <= COLUMNS;

  // clang-format prefers alignment for short lists, and for long ones only when the
  // packed continuation line would not fit anyway.
  if (alignedFits && (!packedFits || params.length <= 4)) return aligned.join('\n');
  if (packedFits) return `${open}\n${packed}`;
  return [open, ...params.map((p, i) => `${CONTINUATION}${p}${ending(i)}`)].join('\n');
}

/** Headers the prototype needs, sorted by code point (`syscalls.h` before `syscalls/…`). */
export function synopsisIncludes(sc: SyscallDef): string[] {
  const types = new Set(sc.params.map((p) => p.type));
  const includes = ['#include <zircon/syscalls.h>'];
  if (types.has('zx_port_packet_t')) includes.push('#include <zircon/syscalls/port.h>');
  if (types.has('zx_smc_parameters_t') || types.has('zx_smc_result_t')) {
    includes.push('#include <zircon/syscalls/smc.h>');
  }
  return includes.sort(compareCodePoints);
}

/** Python's sorted() order, independent of locale. `<` compares UTF-16 units, which equals
 *  code-point order for the ASCII names and headers sorted here. */
export function compareCodePoints(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
