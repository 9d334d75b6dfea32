// The contract every backend follows: take the model, return files. Backends are pure;
// only generator/write.ts touches the disk.
import type { DocsStyle } from '../docs/styles.js';
import type { Model } from '../model.js';

export interface OutputFile {
  /** Path relative to the output directory, with forward slashes (e.g. docs/socket_share.md). */
  readonly path: string;
  readonly content: string;
}

export interface BackendOptions {
  readonly docsStyle: DocsStyle;
  /** The command that regenerates the output, quoted in generated headers. */
  readonly command: string;
  /**
   * How generated wrappers import zxkit's hand-written support module: a relative path inside
   * zxkit's own repository, `zxkit/support` in any other project (see supportModule in
   * regen-command.ts). Defaults to zxkit's own layout (generated/ beside support/).
   */
  readonly supportModule?: string;
  /** The same for the idiomatic layer's support module (`zxkit/support/idiomatic` elsewhere). */
  readonly idiomaticSupportModule?: string;
  /** The same for the wasm host bindings' support module (`zxkit/support/wasm` elsewhere). */
  readonly wasmSupportModule?: string;
}

export type Backend = (model: Model, options: BackendOptions) => OutputFile[];
