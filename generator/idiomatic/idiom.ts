// What an idiom is: a syscall whose useful TypeScript shape is not the generic one, written
// for one exact C parameter list, plus the small helpers the idiom modules share.
import type { GetAccessorDeclarationStructure, MethodDeclarationStructure, OptionalKind, PropertyDeclarationStructure } from 'ts-morph';
import type { Statement } from '../backends/ts-file.js';
import type { Model, SyscallDef } from '../model.js';
import { pageLink, stubName } from '../names.js';
import type { Ctx } from './generic.js';
import { flagName } from './names.js';
import type { MethodPlan } from './plan.js';
import { linked } from '../query.js';

export interface IdiomResult {
  readonly methods: OptionalKind<MethodDeclarationStructure>[];
  readonly properties?: OptionalKind<PropertyDeclarationStructure>[];
  /** Getters of the class (`process.exited`). */
  readonly getAccessors?: OptionalKind<GetAccessorDeclarationStructure>[];
  readonly decls?: Statement[];
}

export interface Idiom {
  /** The method name on its class. */
  readonly name: string;
  /** The C parameter list the idiom was written for, in order. */
  readonly params: readonly string[];
  /** Constants, structs and other syscalls its code uses. */
  readonly constants?: readonly string[];
  readonly structs?: readonly string[];
  build(ctx: Ctx, m: MethodPlan): IdiomResult;
}

export const status = (sc: SyscallDef) => `if (status !== ZX_OK) throw new ZxError(status, '${stubName(sc)}');`;

/** Flags of an options parameter checked against option constants (as the generic method has them). */
export function flagsOf(ctx: Ctx, sc: SyscallDef, param: string) {
  const step = sc.checks.find((c) => c.kind === 'check' && c.param === param);
  if (!step || step.kind !== 'check') return [];
  return step.operands
    .filter((o): o is string => typeof o === 'string' && Number(ctx.plan.constant(o)?.value ?? 0) !== 0)
    .map((n) => ({ prop: flagName(n, sc), constant: n }));
}

/** Struct field element count (payload of zx_port_packet_t is 32 bytes). */
export function fieldCount(model: Model, struct: string, field: string): number {
  return linked(model).structs.get(struct)?.fields.get(field)?.def.count ?? 0;
}

/** The doc of a member built from several syscalls: each one's summary and page. */
export function composedDoc(lead: string[], used: readonly SyscallDef[]): string {
  return [...lead, '', ...used.map((sc) => `Uses \`${stubName(sc)}\`: ${sc.summary} ${pageLink(sc)}`)].join('\n');
}

