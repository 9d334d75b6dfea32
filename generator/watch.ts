// `zxkit regen --watch`: regenerate whenever a definition or template changes (with --site, the
// site's own assets in templates/site/ too). Diagnostics are printed and the watcher keeps
// going; the previous output stays in place until the definitions are valid again.
//
// Each folder is watched itself, not recursively: Node 20's recursive watch on Linux follows
// each file's inode, so a save that writes a temp file and renames it over the old one
// (`sed -i`, many editors) is seen once and the replaced file never again. A folder watch
// reports every name that changes in the folder, however the change was made, new files too.
import { watch, type FSWatcher } from 'node:fs';
import { join, resolve } from 'node:path';
import { regen, type GenOptions } from './commands.js';
import { reloadTemplates, templatesDir } from './docs/page.js';

/** Names whose change can change the output: definitions in defs/, any visible file in templates/. */
const RELEVANT: Record<'defs' | 'templates', (name: string) => boolean> = {
  defs: (n) => /\.ya?ml$/.test(n) && !n.startsWith('.'),
  // Editor leftovers (hidden swap files, `name~` backups) are not templates.
  templates: (n) => !n.startsWith('.') && !n.endsWith('~'),
};

export function watchRegen(o: GenOptions, onIdle: () => void = () => {}): FSWatcher[] {
  const folders = [
    { dir: resolve(o.defs), relevant: RELEVANT.defs },
    { dir: templatesDir(), relevant: RELEVANT.templates },
    // A folder watch does not see into subfolders: the site's stylesheet and script are watched
    // on their own, and only when there is a site to rebuild.
    ...(o.site === undefined ? [] : [{ dir: join(templatesDir(), 'site'), relevant: RELEVANT.templates }]),
  ];
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    reloadTemplates();
    regen(o);
    process.stdout.write(`zxkit regen --watch: watching ${o.defs}/ and templates/ (Ctrl-C to stop)\n`);
    onIdle();
  };
  const watchers = folders.map(({ dir, relevant }) => {
    const w = watch(dir, (_event, file) => {
      // No name (rare; the platform lost it): regenerate rather than miss a change.
      if (file !== null && !relevant(file)) return;
      // Editors save in bursts (write, rename, chmod): one regeneration per burst.
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    });
    w.on('error', (e) => process.stderr.write(`zxkit regen --watch: stopped watching ${dir}: ${e.message}\n`));
    return w;
  });
  run();
  return watchers;
}
