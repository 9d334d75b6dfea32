// zx_object_signal round trips: argv[1] rounds of argv[2] calls; prints ns per call per round.
#include <stdio.h>
#include <stdlib.h>
#include <zircon/syscalls.h>
#include "bench.h"

int main(int argc, char** argv) {
  int rounds = atoi(argv[1]), n = atoi(argv[2]);
  zx_handle_t ev;
  if (zx_event_create(0, &ev) != ZX_OK) return 2;
  for (int r = 0; r < rounds; r++) {
    int64_t t0 = now_ns();
    for (int i = 0; i < n; i++) {
      if (zx_object_signal(ev, i & 1 ? ZX_EVENT_SIGNALED : 0, i & 1 ? 0 : ZX_EVENT_SIGNALED) != ZX_OK) return 3;
    }
    printf("%.1f\n", (double)(now_ns() - t0) / n);
  }
  return 0;
}
