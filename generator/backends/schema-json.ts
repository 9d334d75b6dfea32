// Backend: generated/defs.schema.json — JSON Schema of a definition file, derived from the
// same zod schema the loader validates with, so editors and zxkit agree on what is valid.
import { z } from 'zod';
import { generatedBy, paths } from '../names.js';
import { defsFileSchema } from '../schema.js';
import type { Backend } from './backend.js';

export const emitSchema: Backend = (_model, options) => {
  const schema = z.toJSONSchema(defsFileSchema, { target: 'draft-7' });
  const doc = {
    $comment: generatedBy(options.command),
    title: 'zxkit syscall definitions',
    ...schema,
  };
  return [{ path: paths.schema, content: `${JSON.stringify(doc, null, 2)}\n` }];
};
