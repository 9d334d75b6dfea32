// Parks its only thread in a blocking call that no handle close ends, after saying "ready" on its
// startup channel: argv[1] "port" sends a duplicate of a new port with "ready", then waits on the
// port forever; "sleep" sleeps forever. Only a kill ends it.
#include <string.h>
#include <zircon/process.h>
#include <zircon/processargs.h>
#include <zircon/syscalls.h>
#include <zircon/syscalls/port.h>

int main(int argc, char** argv) {
  zx_handle_t ch = zx_take_startup_handle(PA_HND(PA_USER0, 0));
  if (ch == ZX_HANDLE_INVALID || argc < 2) return 2;
  if (strcmp(argv[1], "port") == 0) {
    zx_handle_t port, shared;
    if (zx_port_create(0, &port) != ZX_OK) return 3;
    if (zx_handle_duplicate(port, ZX_RIGHT_SAME_RIGHTS, &shared) != ZX_OK) return 4;
    if (zx_channel_write(ch, 0, "ready", 5, &shared, 1) != ZX_OK) return 5;
    zx_port_packet_t packet;
    zx_port_wait(port, ZX_TIME_INFINITE, &packet);
    return 6;
  }
  if (strcmp(argv[1], "sleep") == 0) {
    if (zx_channel_write(ch, 0, "ready", 5, NULL, 0) != ZX_OK) return 5;
    zx_nanosleep(ZX_TIME_INFINITE);
    return 6;
  }
  return 7;
}
