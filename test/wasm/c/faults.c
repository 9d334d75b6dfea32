// Misbehaves as argv[1] says, holding its startup channel (and, for "exit", more handles):
// "trap" traps, "block" blocks forever in zx_object_wait_one, "loop" spins forever,
// "exit" exits with code 7 and its handles open. It says "ready" on the channel first.
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

int main(int argc, char** argv) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  if (ch == ZX_HANDLE_INVALID || argc < 2) return 2;
  zx_handle_t ev, a, b;
  if (zx_event_create(0, &ev) != ZX_OK || zx_channel_create(0, &a, &b) != ZX_OK) return 3;
  if (zx_channel_write(ch, 0, "ready", 5, NULL, 0) != ZX_OK) return 4;
  if (strcmp(argv[1], "trap") == 0) __builtin_trap();
  if (strcmp(argv[1], "block") == 0) {
    zx_signals_t seen;
    zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, &seen);
    return 5;
  }
  if (strcmp(argv[1], "loop") == 0) {
    volatile unsigned n = 0;
    for (;;) n++;
  }
  if (strcmp(argv[1], "exit") == 0) zx_process_exit(7);
  return 6;
}
