// VMO figure: 64 KiB written into a VMO and read back, against the same two copies into and out
// of a plain Uint8Array (what the VMO's pages cost over flat memory).
import { Kernel } from '../../index.js';
import { expectOk, interleave } from '../harness.js';
import { goals, pairResult, type Row } from '../row.js';

const SIZE = 64 * 1024;

export const vmoWriteRead: Row = {
  name: 'vmo: write 64 KiB + read 64 KiB (vs Uint8Array copies)',
  async run(s) {
    const sys = new Kernel({ testMode: false }).createProcess('bench').syscalls;
    const out = { value: 0 };
    expectOk('zx_vmo_create', sys.zx_vmo_create(BigInt(SIZE), 0, out));
    const vmo = out.value;
    const src = new Uint8Array(SIZE).map((_, i) => (i * 31 + 7) & 0xff);
    const dst = new Uint8Array(SIZE);
    const flat = new Uint8Array(SIZE);
    const vmoBody = () => {
      sys.zx_vmo_write(vmo, src, 0n, SIZE);
      sys.zx_vmo_read(vmo, dst, 0n, SIZE);
    };
    vmoBody();
    if (dst[SIZE - 1] !== src[SIZE - 1]) throw new Error('bench setup: vmo round trip lost bytes');
    const t = await interleave(
      { name: 'vmo', body: vmoBody },
      {
        name: 'Uint8Array',
        body: () => {
          flat.set(src);
          dst.set(flat);
        },
      },
      s.micro,
    );
    return pairResult(this.name, 'two Uint8Array.set copies through a flat 64 KiB array', goals.throughputAtLeast(0.25), t);
  },
};
