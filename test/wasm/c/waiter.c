// Says "waiting" on startup channel 1, then blocks in zx_object_wait_one on startup event 0.
// Exits 42 when woken with the event signalled.
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>

int main(void) {
  zx_handle_t ev = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 1));
  if (ev == ZX_HANDLE_INVALID || ch == ZX_HANDLE_INVALID) return 2;
  if (zx_channel_write(ch, 0, "waiting", 7, NULL, 0) != ZX_OK) return 3;
  zx_signals_t seen = 0;
  zx_status_t st = zx_object_wait_one(ev, ZX_EVENT_SIGNALED, ZX_TIME_INFINITE, &seen);
  if (st != ZX_OK) return 4;
  return (seen & ZX_EVENT_SIGNALED) ? 42 : 5;
}
