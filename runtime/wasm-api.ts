// The parts of the WebAssembly JavaScript API and Atomics.waitAsync that spawning uses, typed
// here: the project compiles against ES2022 and Node's types, which declare neither.

/** A compiled module (WebAssembly.Module). */
export interface WasmModule {
  readonly [Symbol.toStringTag]: string;
}

/** A linear memory (WebAssembly.Memory); a shared one's buffer is a SharedArrayBuffer. */
export interface WasmMemory {
  readonly buffer: ArrayBufferLike;
}

export interface WasmInstance {
  readonly exports: Readonly<Record<string, unknown>>;
}

interface WebAssemblyApi {
  readonly Module: (new (bytes: Uint8Array) => WasmModule) & {
    imports(m: WasmModule): { module: string; name: string; kind: string }[];
  };
  readonly Instance: new (m: WasmModule, imports: Record<string, Record<string, unknown>>) => WasmInstance;
  compile(bytes: Uint8Array): Promise<WasmModule>;
}

export const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;

export const isWasmModule = (v: unknown): v is WasmModule => v instanceof (wasm.Module as unknown as abstract new () => object);

type WaitAsync = (a: Int32Array, index: number, value: number) => { async: false; value: string } | { async: true; value: Promise<string> };

/** Atomics.waitAsync (ES2024). */
export const waitAsync: WaitAsync = (Atomics as unknown as { waitAsync: WaitAsync }).waitAsync;
