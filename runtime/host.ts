// What the kernel needs from its host, asked in forms that Node and a browser page both provide
// (Web Crypto, performance.now(), an optional global), so runtime/ imports no Node built-in and
// bundles for a page unchanged.

/** A random 32-bit unsigned integer from the platform's CSPRNG (Web Crypto, global in Node 20 too). */
export function randomU32(): number {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0]!;
}

/**
 * The ZXKIT_TEST_MODE switch: the environment variable under Node, or a `ZXKIT_TEST_MODE` global
 * in a page (where `process` does not exist, so it is looked up, never referenced directly).
 */
export function hostTestMode(): boolean {
  const g = globalThis as { process?: { env?: Record<string, string | undefined> }; ZXKIT_TEST_MODE?: unknown };
  return g.process?.env?.['ZXKIT_TEST_MODE'] === '1' || String(g.ZXKIT_TEST_MODE) === '1';
}
