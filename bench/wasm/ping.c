// 64 B channel ping-pong over startup channel 0: argv[1] rounds of argv[2] round trips as the
// pinger (prints ns per round trip per round), or echoes as the ponger when argc is 1.
#include <stdio.h>
#include <stdlib.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>
#include "bench.h"

static int trip(zx_handle_t ch, char* buf) {
  zx_signals_t seen;
  if (zx_channel_write(ch, 0, buf, 64, NULL, 0) != ZX_OK) return 1;
  if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, &seen) != ZX_OK) return 1;
  uint32_t n, nh;
  return zx_channel_read(ch, 0, buf, NULL, 64, 0, &n, &nh) != ZX_OK || n != 64;
}

int main(int argc, char** argv) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  char buf[64] = {0};
  if (argc == 1) {
    for (;;) {
      zx_signals_t seen;
      uint32_t n, nh;
      if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, &seen) != ZX_OK) return 2;
      if (zx_channel_read(ch, 0, buf, NULL, 64, 0, &n, &nh) != ZX_OK) return 0;
      if (zx_channel_write(ch, 0, buf, n, NULL, 0) != ZX_OK) return 3;
    }
  }
  int rounds = atoi(argv[1]), n = atoi(argv[2]);
  for (int r = 0; r < rounds; r++) {
    int64_t t0 = now_ns();
    for (int i = 0; i < n; i++) if (trip(ch, buf)) return 4;
    printf("%.1f\n", (double)(now_ns() - t0) / n);
  }
  return 0;
}
