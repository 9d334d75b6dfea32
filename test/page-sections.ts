// Test helper: one `## HEADING` section of a reference page.

/** The lines after `## heading` up to the next heading, blank ends trimmed; '' if absent. */
export function section(page: string, heading: string): string {
  const lines = page.split('\n');
  const at = lines.indexOf(`## ${heading}`);
  if (at < 0) return '';
  const rest = lines.slice(at + 1);
  const end = rest.findIndex((l) => l.startsWith('## '));
  return (end === -1 ? rest : rest.slice(0, end)).join('\n').trim();
}
