// Talks to a TypeScript process over its startup channel: receives an event handle in a message
// and signals it, then sends back one end of a new channel and answers "pong" on it.
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

int main(void) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  if (ch == ZX_HANDLE_INVALID) return 2;
  zx_signals_t seen = 0;
  if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, &seen) != ZX_OK) return 3;
  char buf[64];
  zx_handle_t got[1];
  uint32_t n = 0, nh = 0;
  if (zx_channel_read(ch, 0, buf, got, sizeof buf, 1, &n, &nh) != ZX_OK || nh != 1) return 4;
  if (n != 5 || memcmp(buf, "event", 5) != 0) return 5;
  if (zx_object_signal(got[0], 0, ZX_USER_SIGNAL_0) != ZX_OK) return 6;
  zx_handle_close(got[0]);

  zx_handle_t mine, theirs;
  if (zx_channel_create(0, &mine, &theirs) != ZX_OK) return 7;
  if (zx_channel_write(ch, 0, "chan", 4, &theirs, 1) != ZX_OK) return 8;
  if (zx_object_wait_one(mine, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, &seen) != ZX_OK) return 9;
  if (zx_channel_read(mine, 0, buf, NULL, sizeof buf, 0, &n, &nh) != ZX_OK) return 10;
  if (n != 4 || memcmp(buf, "ping", 4) != 0) return 11;
  if (zx_channel_write(mine, 0, "pong", 4, NULL, 0) != ZX_OK) return 12;
  // Stay until the TypeScript side closes the startup channel.
  if (zx_object_wait_one(ch, ZX_CHANNEL_PEER_CLOSED, ZX_TIME_INFINITE, &seen) != ZX_OK) return 13;
  return 0;
}
