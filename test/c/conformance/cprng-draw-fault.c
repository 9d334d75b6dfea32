// zx_cprng_draw has no status to return: given a buffer outside the program's memory, Zircon's
// vDSO ends the calling process. This program must never print its second line.
#include <stdint.h>
#include <stdio.h>
#include <zircon/syscalls.h>

int main(void) {
    unsigned char good[16];
    zx_cprng_draw(good, sizeof(good));
    printf("drew\n");
    fflush(stdout);
    zx_cprng_draw((void*)(uintptr_t)0xfffffff0u, 64);
    printf("still running\n");
    return 0;
}
