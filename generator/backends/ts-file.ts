// Builds a TypeScript file from ts-morph structures in one batch (adding declarations one at a
// time was measured ~50x slower) inside one shared in-memory project.
import { IndentationText, Project, type StatementStructures, type WriterFunction } from 'ts-morph';
import type { OutputFile } from './backend.js';

let project: Project | undefined;

function shared(): Project {
  // Two spaces, as the text the backends write themselves is indented.
  project ??= new Project({ useInMemoryFileSystem: true, skipLoadingLibFiles: true, manipulationSettings: { indentationText: IndentationText.TwoSpaces } });
  return project;
}

export type Statement = string | WriterFunction | StatementStructures;

export function tsFile(path: string, header: string, statements: Statement[]): OutputFile {
  // Text already written out (the wrappers) gains nothing from a round trip through a parsed
  // source file, which is the slow part of ts-morph: join it as it is.
  if (statements.every((s): s is string => typeof s === 'string')) {
    const content = [header, ...statements].join('\n');
    return { path, content: content.endsWith('\n') ? content : `${content}\n` };
  }
  const sf = shared().createSourceFile(`/${path}`, { statements: [header, ...statements] }, { overwrite: true });
  const content = sf.getFullText();
  sf.forget();
  return { path, content: content.endsWith('\n') ? content : `${content}\n` };
}

/** TSDoc text from Markdown-ish prose: keep it readable, never let it close the comment. */
export function docText(s: string): string {
  return s.replace(/\*\//g, '*\\/').trimEnd();
}
