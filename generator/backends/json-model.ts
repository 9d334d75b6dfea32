// Backend: generated/definitions.json — the model itself, with a format version, for tools
// that want the definitions without parsing YAML. 64-bit constant values are decimal strings;
// a `source` is `{ file }`, the file's name in the defs folder, without line or column.
import type { Model, SourcePos } from '../model.js';
import { defsFile, generatedBy, paths } from '../names.js';
import type { Backend } from './backend.js';

function isSourcePos(v: unknown): v is SourcePos {
  return typeof v === 'object' && v !== null && typeof (v as { file?: unknown }).file === 'string';
}

export const emitJsonModel: Backend = (model: Model, options) => {
  const doc = { $comment: generatedBy(options.command), ...model };
  // A source keeps only its file within the defs folder: line and column are for diagnostics,
  // and would rewrite this file whenever an edit moves lines.
  const text = JSON.stringify(doc, (k, v: unknown) =>
    typeof v === 'bigint' ? v.toString() : k === 'source' && isSourcePos(v) ? { file: defsFile(v) } : v, 2);
  return [{ path: paths.model, content: `${text}\n` }];
};
