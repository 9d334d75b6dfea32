// Backend: generated/zx.ts — the idiomatic layer over the raw stubs, in the spirit of Rust's
// fuchsia-zircon and C++'s lib/zx: a Handle class and one class per object type, each syscall
// a method of the class its first handle belongs to (or a static creator), ZxError for failed
// statuses, disposal, AbortSignal-aware waits and async iteration. It calls only `Syscalls`.
import { StructureKind, ts, type ClassDeclarationStructure, type FunctionDeclarationStructure, type GetAccessorDeclarationStructure, type MethodDeclarationStructure, type OptionalKind, type PropertyDeclarationStructure } from 'ts-morph';
import type { Model } from '../model.js';
import { provenance, stubName, tsHeader } from '../names.js';
import { genericMethod, type Ctx } from '../idiomatic/generic.js';
import { idiomFor, type Idiom } from '../idiomatic/idioms.js';
import { ZX_PATH } from '../idiomatic/names.js';
import { layerSyscalls, MODULE, planLayer, type ClassPlan } from '../idiomatic/plan.js';
import { structCodecs } from '../codecs.js';
import { errorSupport, handleCore, processSupport, SUPPORT_EXPORTS } from '../idiomatic/support.js';
import { typedWrapping, waiting } from '../idiomatic/waiting.js';
import { typeIndex, usedTypeNames } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile, type Statement } from './ts-file.js';
import { linked } from '../query.js';

/** Where generated/zx.ts finds its support module in zxkit's own repository. */
export const OWN_IDIOMATIC_SUPPORT_MODULE = '../support/idiomatic.js';

interface Members {
  methods: OptionalKind<MethodDeclarationStructure>[];
  properties: OptionalKind<PropertyDeclarationStructure>[];
  getAccessors: OptionalKind<GetAccessorDeclarationStructure>[];
}

/** Identifiers used in code (not in comments or strings), for the import lists. */
function identifiers(code: string): Set<string> {
  const sf = ts.createSourceFile('x.ts', code, ts.ScriptTarget.ES2022, false, ts.ScriptKind.TS);
  const out = new Set<string>();
  const walk = (n: ts.Node): void => {
    if (ts.isIdentifier(n)) out.add(n.text);
    ts.forEachChild(n, walk);
  };
  walk(sf);
  return out;
}

function classDoc(c: ClassPlan, model: Model): string {
  const constant = linked(model).constants.get(c.objType)!;
  return [
    `A handle to a ${c.key} (**${c.objType}**)${c.defaultRights ? `, created with **${c.defaultRights.name}**` : ''}.`,
    provenance('object type', c.objType, constant.source),
  ].join('\n');
}

export const emitIdiomatic: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const syscalls = layerSyscalls(model);
  const applied = new Map<string, Idiom>();
  for (const sc of syscalls) {
    const idiom = idiomFor(model, sc);
    if (idiom) applied.set(sc.name, idiom);
  }
  const plan = planLayer(model, Object.fromEntries([...applied].map(([n, i]) => [n, i.name])));
  const ctx: Ctx = { model, ix, plan };
  const members = new Map<string, Members>([['Handle', { methods: [], properties: [], getAccessors: [] }], [MODULE, { methods: [], properties: [], getAccessors: [] }], ...plan.classes.map((c) => [c.name, { methods: [], properties: [], getAccessors: [] }] as [string, Members])]);
  const decls: Statement[] = [];
  const skipped: string[] = [];
  const mapped: [string, string][] = [];

  for (const m of plan.methods) {
    const into = members.get(m.owner)!;
    const idiom = applied.get(m.sc.name);
    if (idiom) {
      const r = idiom.build(ctx, m);
      into.methods.push(...r.methods.map((x) => ({ ...x, name: m.name })));
      into.properties.push(...(r.properties ?? []));
      into.getAccessors.push(...(r.getAccessors ?? []));
      decls.push(...(r.decls ?? []));
    } else {
      const g = genericMethod(ctx, m);
      if (typeof g === 'string') {
        skipped.push(`${stubName(m.sc)} (${g})`);
        continue;
      }
      into.methods.push(g.method);
      decls.push(...g.decls);
    }
    mapped.push([stubName(m.sc), m.owner === MODULE ? m.name : `${m.owner}.${m.isStatic ? '' : 'prototype.'}${m.name}`]);
  }

  const has = (owner: string, name: string) => members.get(owner)?.methods.some((x) => x.name === name) ?? false;
  const wait = waiting(ctx, applied, has('Handle', 'close'));
  decls.push(...(wait?.decls ?? []), typedWrapping(ctx));

  const core = handleCore();
  const disposable = has('Handle', 'close');
  const handleClass: ClassDeclarationStructure = {
    kind: StructureKind.Class,
    isExported: true,
    name: 'Handle',
    extends: 'HandleBase<Syscalls>',
    implements: disposable ? ['Disposable'] : [],
    docs: [[
      'A handle owned by this layer: the syscalls of its process and its value (`raw`). Syscalls that take a',
      'handle of any type are its methods. Once a syscall consumes the handle (close, replace, or a transfer',
      'through a channel or socket) the object is marked, and any further use throws instead of passing a',
      'stale value. Handles of object types without a class of their own are plain Handles.',
    ].join('\n')],
    properties: core.properties,
    methods: [
      ...core.methods.filter((x) => disposable || x.name !== '[Symbol.dispose]'),
      {
        name: 'fromRaw',
        isStatic: true,
        docs: ['Adopt *raw*, a handle value of *process*, as an object of the class of its object type.'],
        parameters: [{ name: 'process', type: 'ProcessLike' }, { name: 'raw', type: 'number' }],
        returnType: 'Handle',
        statements: ['return adopt(syscallsOf(process), raw);'],
      },
      ...members.get('Handle')!.methods,
    ],
  };

  const classDecls: ClassDeclarationStructure[] = plan.classes.map((c) => {
    const own = members.get(c.name)!;
    const methods = [...own.methods];
    methods.push(...(wait?.members(c, own.methods) ?? []));
    return {
      kind: StructureKind.Class,
      isExported: true,
      name: c.name,
      extends: 'Handle',
      docs: [classDoc(c, model)],
      properties: [
        { name: 'objectType', isStatic: true, hasOverrideKeyword: true, isReadonly: true, type: 'number', initializer: c.objType },
        ...own.properties,
      ],
      getAccessors: own.getAccessors,
      methods,
    };
  });

  // Syscalls that take no handle (the clocks, the CPRNG) are functions of the module.
  const functions: FunctionDeclarationStructure[] = members.get(MODULE)!.methods.map((f) => ({
    kind: StructureKind.Function,
    isExported: true,
    name: f.name,
    isAsync: f.isAsync,
    docs: f.docs,
    parameters: f.parameters,
    returnType: f.returnType,
    statements: f.statements,
  }));
  decls.push(...functions);

  decls.push(`/** The method (or function) each syscall became, for tools and tests. */\nexport const SYSCALL_METHODS: Readonly<Partial<Record<keyof Syscalls, string>>> = {\n${mapped.map(([s, m]) => `  ${s}: '${m}',`).join('\n')}\n};`);

  // Idioms that share a declaration (ChannelMessage) each bring it; the first one stays.
  const declared = new Set<string>();
  const unique = decls.filter((d) => {
    const name = typeof d === 'string' ? /^(?:export )?(?:const|let|function|interface|type|class) (\w+)/m.exec(d.replace(/^\/\*\*[\s\S]*?\*\/\n/, ''))?.[1]
      : typeof d === 'function' ? undefined : 'name' in d ? d.name : undefined;
    if (name === undefined) return true;
    if (declared.has(name)) return false;
    declared.add(name);
    return true;
  });

  const body: Statement[] = [
    ...(skipped.length ? [`// No idiomatic form (use the raw stubs): ${skipped.join('; ')}.`] : []),
    errorSupport(syscalls),
    ...unique,
    handleClass,
    ...classDecls,
  ];
  const header = `${tsHeader(options.command, 'Idiomatic layer: handle classes, ZxError, disposal, waits and iteration over the raw stubs.')}\n/// <reference lib="esnext.disposable" />`;
  // First pass without support and imports, to see what the code uses.
  const draft = tsFile(ZX_PATH, '', body).content;
  const support = processSupport(identifiers(draft));
  const used = identifiers(`${support}\n${draft}`);
  const imported = SUPPORT_EXPORTS.filter((n) => used.has(n));
  const constants = [...model.constants.map((c) => c.name), 'ZX_STATUS_NAMES'].filter((n) => used.has(n));
  const types = usedTypeNames(ix, [...used].join(' ').split(' ').filter((n) => ix.structs.has(n) || ix.scalars.has(n)));
  // The codecs live in structs.ts (shared with the kernel core); this layer uses some and
  // re-exports them all as part of its public surface.
  const codecs = structCodecs(ix, model).nativeCodecs.filter((n) => used.has(n));
  // The body is already printed (the draft); the final file only adds imports and support.
  return [tsFile(ZX_PATH, header, [
    "import type { Syscalls } from './stubs.js';",
    ...(types.length ? [`import type { ${types.join(', ')} } from './types.js';`] : []),
    ...(constants.length ? [`import { ${constants.join(', ')} } from './constants.js';`] : []),
    ...(codecs.length ? [`import { ${codecs.join(', ')} } from './structs.js';`] : []),
    `import { ${imported.join(', ')}, type ProcessLike as ProcessOf } from '${options.idiomaticSupportModule ?? OWN_IDIOMATIC_SUPPORT_MODULE}';`,
    "export * from './structs.js';",
    support,
    draft.replace(/^\n+/, ''),
  ])];
};
