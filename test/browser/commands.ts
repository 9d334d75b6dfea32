// Server commands of the browser project (vitest.config.ts): what a test in the page asks Node
// for. C programs are compiled in Node (test/wasm/compile.ts, cached by content hash) and reach
// the page as base64 text, which every command transport carries unchanged.
import type { BrowserCommand } from 'vitest/node';

/** test/wasm/c/NAME.c compiled for wasm32-wasi, base64; null without the toolchain. */
export const wasmProgram: BrowserCommand<[name: string], string | null> = async (_context, name) => {
  if (!/^[a-z][a-z0-9-]*$/.test(name)) throw new Error(`wasmProgram: not a program name: ${name}`);
  // Loaded here, not at the top: only these tests need the compiler.
  const [{ compileC }, { haveToolchain }] = await Promise.all([import('../wasm/compile.js'), import('../toolchain.js')]);
  if (!haveToolchain(`wasm program ${name}`)) return null;
  return Buffer.from(compileC(name)).toString('base64');
};

declare module 'vitest/internal/browser' {
  interface BrowserCommands {
    wasmProgram: (name: string) => Promise<string | null>;
  }
}
