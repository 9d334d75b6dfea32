// Sends argv[1..] to the echo server over its startup channel and checks each answer.
#include <stdio.h>
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

int main(int argc, char** argv) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  if (ch == ZX_HANDLE_INVALID) return 2;
  for (int i = 1; i < argc; i++) {
    uint32_t len = (uint32_t)strlen(argv[i]);
    if (zx_channel_write(ch, 0, argv[i], len, NULL, 0) != ZX_OK) return 3;
    zx_signals_t seen = 0;
    if (zx_object_wait_one(ch, ZX_CHANNEL_READABLE, ZX_TIME_INFINITE, &seen) != ZX_OK) return 4;
    char buf[300];
    uint32_t n = 0, nh = 0;
    if (zx_channel_read(ch, 0, buf, NULL, sizeof buf, 0, &n, &nh) != ZX_OK) return 5;
    if (n != len + 5 || memcmp(buf, "echo:", 5) != 0 || memcmp(buf + 5, argv[i], len) != 0) return 6;
    printf("client: %.*s\n", (int)n, buf);
  }
  zx_handle_close(ch);
  return 0;
}
