// Socket throughput over startup socket 0, 64 KiB writes. Writer (argv[1] = "w"): argv[2]
// rounds of argv[3] chunks. Reader (argv[1] = "r"): reads the same, printing ns per 64 KiB per round.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>
#include "bench.h"

#define CHUNK 65536
static char buf[CHUNK];

int main(int argc, char** argv) {
  zx_handle_t s = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  int writer = strcmp(argv[1], "w") == 0;
  long rounds = atol(argv[2]), n = atol(argv[3]);
  zx_signals_t seen;
  for (long r = 0; r < rounds; r++) {
    int64_t t0 = now_ns();
    for (long i = 0; i < n; i++) {
      size_t done = 0;
      while (done < CHUNK) {
        size_t actual = 0;
        zx_status_t st = writer ? zx_socket_write(s, 0, buf + done, CHUNK - done, &actual)
                                : zx_socket_read(s, 0, buf + done, CHUNK - done, &actual);
        if (st == ZX_ERR_SHOULD_WAIT) {
          zx_signals_t want = writer ? ZX_SOCKET_WRITABLE : ZX_SOCKET_READABLE;
          if (zx_object_wait_one(s, want | ZX_SOCKET_PEER_CLOSED, ZX_TIME_INFINITE, &seen) != ZX_OK) return 2;
          continue;
        }
        if (st != ZX_OK) return 3;
        done += actual;
      }
    }
    if (!writer) printf("%.1f\n", (double)(now_ns() - t0) / n);
  }
  return 0;
}
