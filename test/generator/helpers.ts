// Helpers to run the generator pipeline in memory on inline YAML.
import { join } from 'node:path';
import { formatDiagnostic } from '../../generator/diagnostics.js';
import { readSource, type SourceFile } from '../../generator/load.js';
import { loadModel, packageRoot } from '../../generator/pipeline.js';

export const repoRoot = packageRoot();

/** A small, valid syscall file; tests change one thing in it at a time. */
export const POKE = `syscalls:
  thing_poke:
    summary: Poke a thing.
    params:
      - name: handle
        type: zx_handle_t
      - name: options
        type: uint32_t
    rights:
      - { param: handle, types: [ZX_OBJ_TYPE_EVENT], rights: [ZX_RIGHT_WRITE] }
    errors:
      - { status: ZX_ERR_BAD_HANDLE, text: The handle is invalid. }
      - { status: ZX_ERR_WRONG_TYPE, text: The handle is not an event. }
      - { status: ZX_ERR_ACCESS_DENIED, text: The handle lacks the right. }
      - { status: ZX_ERR_INVALID_ARGS, text: An argument is invalid. }
    description: Pokes the thing.
    return_value: Returns ZX_OK on success.
    see_also: [thing_poke]
`;

export function sources(files: Record<string, string>, withTypes = true): SourceFile[] {
  const out: SourceFile[] = Object.entries(files).map(([name, text]) => ({
    path: `defs/${name}`,
    stem: name.replace(/\.ya?ml$/, ''),
    text,
  }));
  if (withTypes) {
    const types = readSource(join(repoRoot, 'defs', 'types.yaml'));
    out.unshift({ ...types, path: 'defs/types.yaml' });
  }
  return out;
}

export function load(files: Record<string, string>, withTypes = true) {
  return loadModel(sources(files, withTypes));
}

/** The diagnostics of a run, formatted as the CLI prints them. */
export function diagnosticsOf(files: Record<string, string>, withTypes = true): string[] {
  return load(files, withTypes).diagnostics.map(formatDiagnostic);
}
