// Vitest setup file used only by `npm run errors-coverage`: every process any test creates gets
// an onStatus hook (the wrappers' status report, passed through createProcess options) that
// counts (syscall, status); after each test file the counts go to ZXKIT_STATUS_LOG as JSON.
import { randomBytes } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { Kernel } from '../runtime/kernel.js';
import type { ProcessOptions } from '../runtime/process.js';

const dir = process.env['ZXKIT_STATUS_LOG'];
if (dir) {
  const counts = new Map<string, number>();
  const create = Kernel.prototype.createProcess;
  Kernel.prototype.createProcess = function (this: Kernel, name?: string, options: ProcessOptions = {}) {
    const user = options.onStatus;
    return create.call(this, name, {
      ...options,
      onStatus: (syscall, status) => {
        const k = `${syscall} ${status}`;
        counts.set(k, (counts.get(k) ?? 0) + 1);
        user?.(syscall, status);
      },
    });
  };
  afterAll(() => {
    writeFileSync(join(dir, `${process.pid}-${randomBytes(4).toString('hex')}.json`), JSON.stringify(Object.fromEntries(counts)));
  });
}
