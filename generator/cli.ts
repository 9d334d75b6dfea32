#!/usr/bin/env node
// The zxkit executable: owns the process (arguments, exit code); everything else is in
// program.ts and commands.ts.
import { CommanderError } from 'commander';
import { EXIT } from './report.js';
import { buildProgram } from './program.js';

function main(argv: string[]): void {
  try {
    buildProgram().parse(argv, { from: 'user' });
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version exit 0 through here; real usage errors are exit 2.
      process.exitCode = e.exitCode === 0 ? EXIT.ok : EXIT.usage;
      return;
    }
    throw e;
  }
}

// A closed pipe (`zxkit check | head`) is not an error worth a stack trace.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
});

main(process.argv.slice(2));
