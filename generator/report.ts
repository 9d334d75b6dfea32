// What every command shares to report: the exit codes and how diagnostics are printed. Kept
// apart from commands.ts (regen, check) so that commands needing no backend load none.
import { formatDiagnostic, type Diagnostic } from './diagnostics.js';
import { paint } from './output.js';

export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

/**
 * Diagnostics to stderr, the position in bold and the message in red when colour is on.
 * Warnings say so after the position (`file:1:2: warning: ...`) and are yellow.
 */
export function printDiagnostics(diagnostics: readonly Diagnostic[], isWarning: (d: Diagnostic) => boolean = () => false): void {
  const c = paint(process.stderr);
  for (const d of diagnostics) {
    const text = formatDiagnostic(d);
    const at = `${d.file}:${d.line}:${d.col}:`;
    const rest = isWarning(d) ? c.yellow(` warning:${text.slice(at.length)}`) : c.red(text.slice(at.length));
    process.stderr.write(`${c.bold(at)}${rest}\n`);
  }
}
