// The shape of a definition file, as a zod schema. It does two jobs: the loader validates
// every parsed file against it (unknown keys and wrong types become positioned diagnostics),
// and the schema backend turns it into generated/defs.schema.json for editors.
import { z } from 'zod';
import { ATTRIBUTES, CONSTANT_KINDS } from './model.js';

const name = z.string().min(1);
const int = z.number().int();

export const handleSpecSchema = z.strictObject({
  ownership: z.enum(['use', 'acquire', 'release', 'release_always']).optional(),
  invalid_ok: z.boolean().optional(),
  field: name.optional(),
  lookup: z.enum(['wrapper', 'core']).optional(),
  rights_from: name.optional(),
  escalates: z.literal(true).optional(),
  not_object_of: z.strictObject({ param: name, error: name, or_peer: z.literal(true).optional() }).optional(),
});

export const paramSchema = z.strictObject({
  name,
  type: name,
  dir: z.enum(['in', 'out', 'inout']).optional(),
  count: z.union([name, int.nonnegative()]).optional(),
  optional: z.boolean().optional(),
  handle: handleSpecSchema.optional(),
});

const conditionSchema = z.union([
  z.strictObject({ param: name, is: name }),
  z.strictObject({ param: name, has: name }),
]);

export const rightsClauseSchema = z.strictObject({
  param: name,
  rights: z.array(name).optional(),
  types: z.array(name).optional(),
  resource: name.optional(),
  each: z.boolean().optional(),
  entry_field: name.optional(),
  field: name.optional(),
  when: conditionSchema.optional(),
});

const operand = z.union([name, int]);

export const checkSchema = z.union([
  name,
  z.strictObject({
    param: name,
    allowed: z.array(operand).optional(),
    one_of: z.array(operand).optional(),
    max: operand.optional(),
    min: operand.optional(),
    not_null: z.literal(true).optional(),
    error: name,
  }),
]);

export const errorSchema = z.strictObject({ status: name, text: z.string() });

export const syscallSchema = z.strictObject({
  summary: z.string().min(1).optional(),
  implemented: z.boolean().optional(),
  unsupported_reason: z.string().min(1).optional(),
  attributes: z.array(z.enum(ATTRIBUTES)).optional(),
  params: z.array(paramSchema).optional(),
  returns: name.optional(),
  rights: z.union([z.literal('none'), z.array(rightsClauseSchema)]).optional(),
  checks: z.array(checkSchema).optional(),
  errors: z.array(errorSchema).optional(),
  description: z.string(),
  return_value: z.string(),
  limitations: z.string().optional(),
  see_also: z.array(name).optional(),
});

export const typeSchema = z.strictObject({
  int: z.union([z.literal(8), z.literal(16), z.literal(32), z.literal(64)]).optional(),
  signed: z.boolean().optional(),
  js: z.enum(['number', 'bigint']).optional(),
  pointer_sized: z.literal(true).optional(),
  handle: z.literal(true).optional(),
  bool: z.literal(true).optional(),
  char: z.literal(true).optional(),
  void: z.literal(true).optional(),
  opaque: z.literal(true).optional(),
});

export const structSchema = z.strictObject({
  size: int.nonnegative(),
  fields: z.array(
    z.strictObject({
      name,
      type: name,
      offset: int.nonnegative(),
      pointer: name.optional(),
      count: int.positive().optional(),
      // C only: the field's bytes are also these members of an anonymous union (the field is
      // one of them), as zx_port_packet_t's payload is `pkt.signal` or `pkt.user` in C.
      // C only: a pointer field that points to const (what the caller only gives).
      c_const: z.literal(true).optional(),
      c_union: z.array(z.strictObject({ name, type: name, count: int.positive().optional() })).min(1).optional(),
    }),
  ),
});

export const constantGroupSchema = z.strictObject({
  kind: z.enum(CONSTANT_KINDS),
  type: name,
  // Any number here: 64-bit values exceed JavaScript's safe range, so build-model re-reads the
  // exact digits from the YAML source and checks that they form an integer. A list is an
  // aggregate (OR of the named constants); { alias_of } is a second name for a constant.
  values: z.record(name, z.union([z.number(), z.array(name), z.strictObject({ alias_of: name })])),
});

export const defsFileSchema = z.strictObject({
  types: z.record(name, typeSchema).optional(),
  structs: z.record(name, structSchema).optional(),
  constants: z.record(name, constantGroupSchema).optional(),
  syscalls: z.record(name, syscallSchema).optional(),
});

export type DefsFile = z.infer<typeof defsFileSchema>;
export type SyscallInput = z.infer<typeof syscallSchema>;
export type ParamInput = z.infer<typeof paramSchema>;
export type RightsClauseInput = z.infer<typeof rightsClauseSchema>;
export type CheckInput = z.infer<typeof checkSchema>;
