// `zxkit regen --watch`: regenerate whenever a definition or template changes. Diagnostics are
// printed and the watcher keeps going; the previous output stays in place until the
// definitions are valid again.
import { watch, type FSWatcher } from 'node:fs';
import { resolve } from 'node:path';
import { regen, type GenOptions } from './commands.js';
import { reloadTemplates, templatesDir } from './docs/page.js';
import { LOCK_FILE } from './lock.js';

/** Files the generator itself writes into watched folders (temp files, the lock) are not edits. */
function isOwnWrite(file: string | null): boolean {
  return file === null || file.endsWith(LOCK_FILE) || /(^|\/)\.[^/]*\.tmp$/.test(file);
}

export function watchRegen(o: GenOptions, onIdle: () => void = () => {}): FSWatcher[] {
  const dirs = [resolve(o.defs), templatesDir()];
  let timer: NodeJS.Timeout | undefined;
  const run = () => {
    reloadTemplates();
    regen(o);
    process.stdout.write(`zxkit regen --watch: watching ${o.defs}/ and templates/ (Ctrl-C to stop)\n`);
    onIdle();
  };
  const watchers = dirs.map((dir) =>
    watch(dir, { recursive: true }, (_event, file) => {
      if (isOwnWrite(file)) return;
      // Editors save in bursts (write, rename, chmod): one regeneration per burst.
      clearTimeout(timer);
      timer = setTimeout(run, 40);
    }),
  );
  run();
  return watchers;
}
