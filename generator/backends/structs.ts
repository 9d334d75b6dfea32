// Backend: generated/structs.ts — every struct's layout per C data model, scalar sizes, and the
// little-endian codecs, emitted once. The kernel core and the idiomatic layer both import it,
// so a layout lives only in defs/types.yaml.
import { structCodecs } from '../codecs.js';
import type { Model } from '../model.js';
import { paths, tsHeader } from '../names.js';
import { typeIndex, usedTypeNames } from '../ts-types.js';
import type { Backend } from './backend.js';
import { tsFile } from './ts-file.js';

export const emitStructs: Backend = (model: Model, options) => {
  const ix = typeIndex(model);
  const { statements, typeNames } = structCodecs(ix, model);
  const types = usedTypeNames(ix, typeNames);
  return [tsFile(paths.structs, tsHeader(options.command, 'Struct layouts per data model and their little-endian codecs.'), [
    ...(types.length ? [`import type { ${types.join(', ')} } from './types.js';`, ''] : []),
    statements.join('\n\n'),
  ])];
};
