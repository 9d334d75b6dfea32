// `unsupported_reason`: why the kernel core leaves a syscall NOT_SUPPORTED, stated on its page,
// and accepted only where the syscall really is unimplemented.
import { describe, expect, it } from 'vitest';
import { pageView } from '../../generator/docs/page.js';
import { POKE, diagnosticsOf, load } from './helpers.js';

const withReason = (implemented: boolean) =>
  POKE.replace('    summary: Poke a thing.\n', `    summary: Poke a thing.\n    implemented: ${implemented}\n    unsupported_reason: Things live in hardware this kernel lacks.\n`)
    .replace('      - { status: ZX_ERR_INVALID_ARGS', '      - { status: ZX_ERR_NOT_SUPPORTED, text: Always. }\n      - { status: ZX_ERR_INVALID_ARGS');

describe('unsupported_reason', () => {
  it('follows the NOT_SUPPORTED note in the DESCRIPTION of the page', () => {
    const sc = load({ 'thing.yaml': withReason(false) }).model!.syscalls[0]!;
    expect(sc.unsupportedReason).toBe('Things live in hardware this kernel lacks.');
    expect(pageView(sc, 'seed').description).toMatch(/returns \*\*ZX_ERR_NOT_SUPPORTED\*\*\. Things live in hardware this kernel lacks\.$/);
  });

  it('is a positioned diagnostic on an implemented syscall', () => {
    expect(diagnosticsOf({ 'thing.yaml': withReason(true) })).toContain(
      'defs/thing.yaml:5:25: "unsupported_reason" applies only to a syscall with "implemented: false"',
    );
  });
});
