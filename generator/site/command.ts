// `zxkit docs --html OUT`: load the definitions, render each syscall's page exactly as the
// docs backend does, build the site from them and write it (site-output.ts).
import { printDiagnostics } from '../report.js';
import { readDefsFolder } from '../defs-folder.js';
import { renderPage } from '../docs/page.js';
import type { DocsStyle } from '../docs/styles.js';
import { loadModel } from '../load-model.js';
import { buildSite } from './build.js';
import { writeSiteReporting } from './site-output.js';

export interface SiteCommandArgs {
  readonly out: string;
  readonly defs: string;
  readonly style: DocsStyle;
}

/** `zxkit docs --html OUT`: exit 0 when the site is in place, 1 on definition errors or a failed write. */
export function runSiteCommand(args: SiteCommandArgs): number {
  const folder = readDefsFolder(args.defs);
  if ('problem' in folder) {
    process.stderr.write(`${folder.problem}zxkit docs --html: nothing written\n`);
    return 1;
  }
  const { model, diagnostics } = loadModel(folder.sources, args.style);
  if (model === null) {
    printDiagnostics(diagnostics);
    process.stderr.write(`zxkit docs --html: ${diagnostics.length} error${diagnostics.length === 1 ? '' : 's'} in definitions; nothing written\n`);
    return 1;
  }
  const known = new Set(model.syscalls.map((sc) => sc.name));
  const pages = new Map(model.syscalls.map((sc) => [sc.name, renderPage(sc, { style: args.style, known })]));
  return writeSiteReporting(args.out, buildSite(model, pages), 'zxkit docs --html');
}

/** `docs --html OUT` with the rest of the docs command's options: only --defs and --docs-style go with it. */
export function runHtmlDocs(out: string, o: { update?: string; check?: string; prune?: boolean; compat?: string; defs: string; docsStyle?: DocsStyle }): number {
  if (o.update !== undefined || o.check !== undefined || o.prune || o.compat !== undefined) {
    process.stderr.write('zxkit docs: --html goes with --defs and --docs-style only, not with --update, --check, --prune or --compat\n');
    return 2;
  }
  return runSiteCommand({ out, defs: o.defs, style: o.docsStyle ?? 'seed' });
}
