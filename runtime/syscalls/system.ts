// The system_get_* calls: fixed values the host chose in new Kernel({ system }) (spec §11).
import {
  ZX_ERR_BUFFER_TOO_SMALL,
  ZX_ERR_NOT_SUPPORTED,
  ZX_FEATURE_KIND_CPU,
  ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT,
  ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT,
  ZX_HAS_CPU_FEATURES,
  ZX_OK,
} from '../../generated/constants.js';
import type { Handlers } from '../core-types.js';
import { copyOut } from '../copy-out.js';
import { VERSION_BYTES } from '../system-info.js';

// uint32_t zx_system_get_num_cpus
export const systemGetNumCpus: Handlers['systemGetNumCpus'] = (proc) => proc.kernel.system.numCpus;

// uint64_t zx_system_get_physmem
export const systemGetPhysmem: Handlers['systemGetPhysmem'] = (proc) => proc.kernel.system.physmem;

// uint32_t zx_system_get_dcache_line_size
export const systemGetDcacheLineSize: Handlers['systemGetDcacheLineSize'] = (proc) => proc.kernel.system.dcacheLineSize;

// zx_status_t zx_system_get_version: the whole 64-byte buffer, whatever the string's length.
export const systemGetVersion: Handlers['systemGetVersion'] = (proc, version, size) => {
  if (size < VERSION_BYTES) return ZX_ERR_BUFFER_TOO_SMALL;
  version!.set(proc.kernel.system.version);
  return ZX_OK;
};

const writeFeatures = (box: { value: number }, v: number): void => {
  box.value = v;
};

// zx_status_t zx_system_get_features
export const systemGetFeatures: Handlers['systemGetFeatures'] = (proc, kind, features) => {
  const sys = proc.kernel.system;
  let v: number;
  switch (kind) {
    case ZX_FEATURE_KIND_CPU:
      if ((sys.cpuFeatures & ZX_HAS_CPU_FEATURES) === 0) return ZX_ERR_NOT_SUPPORTED;
      v = sys.cpuFeatures;
      break;
    case ZX_FEATURE_KIND_HW_BREAKPOINT_COUNT: v = sys.hwBreakpoints; break;
    case ZX_FEATURE_KIND_HW_WATCHPOINT_COUNT: v = sys.hwWatchpoints; break;
    default: return ZX_ERR_NOT_SUPPORTED;
  }
  return copyOut(ZX_OK, writeFeatures, features, v);
};
