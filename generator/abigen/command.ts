// `zxkit import-abigen FILE --out DIR [--strict]`: runs the import and prints what happened.
// Warnings (defects that lose nothing) leave the exit code at 0 unless --strict; errors,
// and warnings under --strict, mean nothing was written and exit 1.
import { EXIT, printDiagnostics } from '../report.js';
import { importAbigenToDir, isImportWarning } from './import.js';

export function runImportCommand(file: string, out: string, strict: boolean): number {
  const diagnostics = importAbigenToDir(file, out, { strict });
  // Under --strict a warning stopped the import: it is printed as the error it became.
  printDiagnostics(diagnostics, strict ? () => false : isImportWarning);
  if (diagnostics.some((d) => !isImportWarning(d))) return EXIT.failed;
  const n = diagnostics.length;
  const warned = n === 0 ? '' : ` (${n} warning${n === 1 ? '' : 's'}; --strict makes them errors)`;
  process.stdout.write(`zxkit import-abigen: wrote ${out}/${warned}\n`);
  return EXIT.ok;
}
