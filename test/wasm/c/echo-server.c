// Echoes every message on its startup channel back, with "echo:" in front, until the peer closes.
#include <stdio.h>
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

int main(void) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  if (ch == ZX_HANDLE_INVALID) return 2;
  char in[256], out[300];
  int served = 0;
  for (;;) {
    zx_signals_t seen = 0;
    zx_status_t st = zx_object_wait_one(ch, ZX_CHANNEL_READABLE | ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, &seen);
    if (st != ZX_OK) return 3;
    uint32_t n = 0, nh = 0;
    st = zx_channel_read(ch, 0, in, NULL, sizeof in, 0, &n, &nh);
    if (st == ZX_ERR_PEER_CLOSED) break;
    if (st == ZX_ERR_SHOULD_WAIT) continue;
    if (st != ZX_OK) return 4;
    memcpy(out, "echo:", 5);
    memcpy(out + 5, in, n);
    if (zx_channel_write(ch, 0, out, n + 5, NULL, 0) != ZX_OK) return 5;
    served++;
  }
  printf("server: served %d\n", served);
  return 0;
}
