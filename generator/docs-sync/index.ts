// Docs sync mode (issue 4): `zxkit docs --update DIR` / `zxkit docs --check DIR`.
export { runDocsCommand, type DocsCommandArgs, type DocsCommandIO } from './command.js';
export {
  planSync,
  syncDocs,
  type ChangedPage,
  type CreatedPage,
  type DirEntry,
  type Orphan,
  type Problem,
  type SyncOptions,
  type SyncResult,
} from './sync.js';
