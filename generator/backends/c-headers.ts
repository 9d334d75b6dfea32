// Backend: generated/c/include/zircon/... — Zircon's public C headers, by Zircon's paths and
// names: typedefs, constants and structs from defs/types.yaml (each struct with layout checks
// for LP64 and wasm32), a prototype per public syscall carrying its wasm import, and
// zx_status_get_string from the status table. `zxkit cc` puts this folder on the include path.
import { DATA_MODELS, modelLayouts, type DataModel, type StructLayout } from '../layout.js';
import type { Model } from '../model.js';
import { C_INCLUDE_DIR, generatedBy, stubName, twinName, WASM_IMPORT_MODULE } from '../names.js';
import { linked, publicSyscalls } from '../query.js';
import { ASSERT_H, COMPILER_H, PORT_H_MACROS, PROCESS_FUNCTIONS, PROCESSARGS_H_MACROS, TIME_H, TYPES_H_MACROS } from '../c/fixed.js';
import { constantHeader, H, STANDARD_TYPES, structHeader, SYSCALLS_H_INCLUDES, typedefHeader, type Header } from '../c/placement.js';
import { constantLine, dependencyOrder, prototypes, statusStrings, structBlock, typedefLine } from '../c/render.js';
import type { Backend, OutputFile } from './backend.js';

interface HeaderSpec {
  readonly includes: readonly string[];
  /** Wrapped in __BEGIN_CDECLS/__END_CDECLS: it declares functions, or Zircon's does. */
  readonly cdecls: boolean;
  readonly what: string;
}

const STD = (...names: string[]) => names.map((n) => `<${n}>`);
const ZX = (...names: Header[]) => names.map((n) => `<${n}>`);

/** Every header, what it includes (Zircon's own includes, spec §1.2) and what it is for. */
const HEADERS: Readonly<Record<Exclude<Header, typeof H.definitions>, HeaderSpec>> = {
  [H.compiler]: { includes: [], cdecls: false, what: 'Attribute and utility macros.' },
  [H.errors]: { includes: [], cdecls: false, what: 'Status codes: ZX_OK and ZX_ERR_*.' },
  [H.limits]: { includes: STD('stdint.h'), cdecls: false, what: 'Page size limits.' },
  [H.rights]: { includes: STD('stdint.h'), cdecls: false, what: 'Handle rights.' },
  [H.types]: {
    includes: [...STD('stdbool.h', 'stddef.h', 'stdint.h'), ...ZX(H.compiler, H.errors, H.limits, H.rights)],
    cdecls: true, what: 'Core types, signals, object types, options and the IPC structs.',
  },
  [H.time]: { includes: ZX(H.compiler, H.types), cdecls: false, what: 'Saturating time arithmetic.' },
  [H.status]: { includes: ZX(H.compiler, H.types), cdecls: true, what: 'zx_status_get_string: the name of a status code.' },
  [H.assert]: { includes: [...STD('stdio.h', 'stdlib.h'), ...ZX(H.compiler)], cdecls: false, what: 'Assertions that print and abort.' },
  [H.syscalls]: { includes: ZX(...SYSCALLS_H_INCLUDES), cdecls: true, what: 'Every public syscall: include this.' },
  [H.syscallTypes]: { includes: ZX(H.compiler), cdecls: false, what: 'Forward declarations of the structs syscall prototypes name.' },
  [H.object]: { includes: ZX(H.types), cdecls: true, what: 'zx_object_get_info topics and records, properties.' },
  [H.port]: { includes: ZX(H.compiler, H.types), cdecls: true, what: 'Port packets and their payloads.' },
  [H.policy]: { includes: ZX(H.types), cdecls: true, what: 'Job policies.' },
  [H.resource]: { includes: [...STD('stdint.h'), ...ZX(H.compiler)], cdecls: false, what: 'Resource kinds.' },
  [H.log]: { includes: ZX(H.types), cdecls: true, what: 'Kernel log records.' },
  [H.process]: { includes: [...ZX(H.types), ...STD('stdint.h')], cdecls: true, what: 'Startup handles and the handles of the running process.' },
  [H.processargs]: { includes: [...ZX(H.compiler, H.types), ...STD('stdint.h')], cdecls: true, what: 'The processargs message and handle info words.' },
};

const guardOf = (path: string): string => `ZXKIT_${path.replace(/[^A-Za-z0-9]/g, '_').toUpperCase()}_`;

function headerFile(path: Header, spec: HeaderSpec, sections: readonly string[], command: string): OutputFile {
  const guard = guardOf(path);
  const lines = [
    `// ${generatedBy(command)}`,
    `// <${path}>: ${spec.what}`,
    '',
    `#ifndef ${guard}`,
    `#define ${guard}`,
    '',
    ...spec.includes.map((i) => `#include ${i}`),
    ...(spec.includes.length ? [''] : []),
    ...(spec.cdecls ? ['__BEGIN_CDECLS', ''] : []),
    ...sections.filter((s) => s !== '').flatMap((s) => [s, '']),
    ...(spec.cdecls ? ['__END_CDECLS', ''] : []),
    `#endif  // ${guard}`,
  ];
  return { path: `${C_INCLUDE_DIR}/${path}`, content: `${lines.join('\n')}\n` };
}

export const emitCHeaders: Backend = (model: Model, options) => {
  const lm = linked(model);
  const body = new Map<Header, string[]>();
  const add = (h: Header, text: string) => body.set(h, [...(body.get(h) ?? []), text]);

  // One block per header of the lines each item puts there.
  const addLines = <T>(items: readonly T[], line: (x: T) => [Header, string] | undefined) => {
    const lines = new Map<Header, string[]>();
    for (const x of items) {
      const hl = line(x);
      if (hl) lines.set(hl[0], [...(lines.get(hl[0]) ?? []), hl[1]]);
    }
    for (const [h, ls] of lines) add(h, ls.join('\n'));
  };
  addLines(model.types.filter((t) => !STANDARD_TYPES.has(t.name)), (t) => {
    const line = typedefLine(t);
    return line === undefined ? undefined : [typedefHeader(t), line];
  });
  addLines(model.constants, (c) => {
    const h = constantHeader(c);
    return [h, constantLine(c, h === H.processargs)];
  });

  const layouts = Object.fromEntries(DATA_MODELS.map((m) => [m, modelLayouts(model, m)])) as Record<DataModel, Map<string, StructLayout>>;
  for (const s of dependencyOrder(model.structs)) {
    const perModel = Object.fromEntries(DATA_MODELS.map((m) => [m, layouts[m].get(s.name)])) as Record<DataModel, StructLayout | undefined>;
    add(structHeader(s), structBlock(s, perModel));
  }
  // A struct a prototype names but syscalls.h does not define is declared ahead, as Zircon does for port packets.
  const forward = model.structs.filter((s) => !SYSCALLS_H_INCLUDES.includes(structHeader(s)));
  if (forward.length) add(H.syscallTypes, forward.map((s) => `typedef struct ${s.name.replace(/_t$/, '')} ${s.name};`).join('\n'));

  add(H.types, TYPES_H_MACROS);
  add(H.port, PORT_H_MACROS);
  add(H.processargs, PROCESSARGS_H_MACROS);
  add(H.status, statusStrings(model.constants.filter((c) => c.constKind === 'status' && c.aliasOf === undefined)));
  add(H.process, PROCESS_FUNCTIONS.flatMap((f) => (f.twin ? [stubName(f.name), twinName(f.name)] : [stubName(f.name)])
    .map((name) => `zx_handle_t ${name}(${f.params}) __ZX_WASM_IMPORT("${WASM_IMPORT_MODULE}", "${f.name}");`)).join('\n'));
  add(H.syscalls, [
    '#if defined(__clang__)',
    '#define ZX_SYSCALL_PARAM_ATTR(x) __attribute__((__annotate__("zx_" #x)))',
    '#else',
    '#define ZX_SYSCALL_PARAM_ATTR(x)',
    '#endif',
    '',
    `#include <${H.definitions}>`,
  ].join('\n'));

  const files = Object.entries(HEADERS).map(([path, spec]) => {
    const fixed = path === H.compiler ? [COMPILER_H] : path === H.time ? [TIME_H] : path === H.assert ? [ASSERT_H] : [];
    return headerFile(path as Header, spec, [...fixed, ...(body.get(path as Header) ?? [])], options.command);
  });
  // Only syscalls.h includes the prototypes, inside its CDECLS and after ZX_SYSCALL_PARAM_ATTR: no guard.
  const protos = publicSyscalls(model).map((sc) => prototypes(lm, sc));
  files.push({
    path: `${C_INCLUDE_DIR}/${H.definitions}`,
    content: `// ${generatedBy(options.command)}\n// <${H.definitions}>: the syscall prototypes, included by <${H.syscalls}>.\n\n${protos.join('\n')}`,
  });
  return files;
};
