// Prints its arguments on stdout and a line on stderr, then exits with argv[1] as its code
// (or traps when argv[1] is "trap").
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char** argv) {
  for (int i = 1; i < argc; i++) printf("%s\n", argv[i]);
  fprintf(stderr, "on stderr\n");
  if (argc > 1 && strcmp(argv[1], "trap") == 0) __builtin_trap();
  return argc > 1 ? atoi(argv[1]) : 0;
}
