// Reference pages: one Markdown file per syscall, internal ones included (as in 2018).
import { renderPage } from '../docs/page.js';
import { paths } from '../names.js';
import type { Backend } from './backend.js';

export const emitDocs: Backend = (model, options) => {
  const known = new Set(model.syscalls.map((sc) => sc.name));
  return model.syscalls.map((sc) => ({
    path: paths.doc(sc),
    content: renderPage(sc, { style: options.docsStyle, known }),
  }));
};
