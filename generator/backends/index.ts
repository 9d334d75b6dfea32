// The one registry of backends, as abigen's type_to_generator: each emits one artifact.
import type { Backend } from './backend.js';
import { emitBinding } from './binding.js';
import { emitCHeaders } from './c-headers.js';
import { emitConstants } from './constants.js';
import { emitDocs } from './docs.js';
import { emitIdiomatic } from './idiomatic.js';
import { emitJsonModel } from './json-model.js';
import { emitSchema } from './schema-json.js';
import { emitStructs } from './structs.js';
import { emitStubs } from './stubs.js';
import { emitTypes } from './types.js';
import { emitWasmImports } from './wasm-imports.js';
import { emitWrappers } from './wrappers.js';

export const backends: Readonly<Record<string, Backend>> = {
  constants: emitConstants,
  types: emitTypes,
  structs: emitStructs,
  stubs: emitStubs,
  binding: emitBinding,
  wrappers: emitWrappers,
  model: emitJsonModel,
  schema: emitSchema,
  docs: emitDocs,
  idiomatic: emitIdiomatic,
  cHeaders: emitCHeaders,
  wasmImports: emitWasmImports,
};
