// `zxkit playground`: a local HTTP server for the playground page. It bundles zxkit for the page
// once at start (esbuild, Node built-ins refused), serves the page, the name tables, and a
// /transpile endpoint that turns the reader's TypeScript into JavaScript (esbuild's transform);
// the code itself runs in the page, against a kernel that lives there. Optionally it serves a
// reference site built by `zxkit docs --html DIR` under /site/, where failing calls link.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transform } from 'esbuild';
import { bundleForBrowser } from './bundle.js';
import { playgroundNames } from './names.js';

export interface PlaygroundOptions {
  /** Port to listen on; 0 picks a free one. */
  readonly port: number;
  readonly host: string;
  /** zxkit's package folder (runtime, generated bindings, this playground's page sources). */
  readonly root: string;
  /** A folder built by `zxkit docs --html` (served under /site/), or the URL of such a site. */
  readonly site?: string;
}

export interface Playground {
  readonly url: string;
  close(): Promise<void>;
}

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** The page's sources: beside this module in the repository, under the package root once installed. */
function pageDir(root: string): string {
  const here = join(fileURLToPath(new URL('.', import.meta.url)), 'page');
  return existsSync(join(here, 'index.html')) ? here : join(root, 'playground', 'page');
}

/** A file under `dir` named by a URL path, or null for a path that leaves it. */
function fileUnder(dir: string, urlPath: string): string | null {
  const file = normalize(join(dir, decodeURIComponent(urlPath)));
  return file.startsWith(dir + sep) && existsSync(file) && statSync(file).isFile() ? file : null;
}

async function readBody(req: IncomingMessage, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new Error(`the program is larger than ${limit} bytes`);
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Start serving; resolves once listening, with the URL to open. */
export async function startPlayground(o: PlaygroundOptions): Promise<Playground> {
  const page = pageDir(o.root);
  const siteDir = o.site !== undefined && !/^[a-z]+:\/\//i.test(o.site) ? resolve(o.site) : null;
  const siteUrl = siteDir !== null ? './site/' : (o.site ?? './site/');
  const [zxkit, app] = await Promise.all([
    bundleForBrowser(o.root, join(page, 'zxkit-entry.ts')),
    bundleForBrowser(o.root, join(page, 'app.ts'), {}, true),
  ]);
  const defs = JSON.parse(readFileSync(join(o.root, 'generated', 'definitions.json'), 'utf8')) as Parameters<typeof playgroundNames>[0];
  const config = JSON.stringify({ ...playgroundNames(defs), site: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/` });
  const generated: Readonly<Record<string, readonly [string, string]>> = {
    '/zxkit.js': [zxkit, TYPES['.js']!],
    '/app.js': [app, TYPES['.js']!],
    '/config.json': [config, TYPES['.json']!],
  };

  const send = (res: ServerResponse, status: number, type: string, body: string | Buffer): void => {
    // Cross-origin isolation, so a page may use SharedArrayBuffer (wasm processes in workers).
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', 'cross-origin-opener-policy': 'same-origin', 'cross-origin-embedder-policy': 'require-corp' });
    res.end(body);
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method === 'POST' && path === '/transpile') {
      try {
        const source = await readBody(req, 1 << 20);
        const out = await transform(source, { loader: 'ts', format: 'esm', target: 'es2022', sourcefile: 'playground.ts' });
        send(res, 200, TYPES['.js']!, out.code);
      } catch (e) {
        const errors = (e as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors;
        const text = errors?.map((x) => (x.location ? `playground.ts:${x.location.line}:${x.location.column + 1}: ${x.text}` : x.text)).join('\n') ?? (e as Error).message;
        send(res, 400, 'text/plain; charset=utf-8', text);
      }
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, 'text/plain; charset=utf-8', 'method not allowed');
    const made = generated[path];
    if (made !== undefined) return send(res, 200, made[1], made[0]);
    const inSite = path.startsWith('/site/');
    if (inSite && siteDir === null) return send(res, 404, 'text/plain; charset=utf-8', 'No reference site here: build one with `zxkit docs --html DIR` and start the playground with `--site DIR`.');
    const file = inSite ? fileUnder(siteDir!, path.slice('/site'.length).replace(/\/$/, '/index.html')) : fileUnder(page, path === '/' ? '/index.html' : path);
    const type = file === null ? undefined : TYPES[extname(file)];
    if (file === null || type === undefined) return send(res, 404, 'text/plain; charset=utf-8', `not found: ${path}`);
    send(res, 200, type, readFileSync(file));
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((e: unknown) => send(res, 500, 'text/plain; charset=utf-8', String(e)));
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(o.port, o.host, () => ok());
  });
  const { port } = server.address() as AddressInfo;
  const host = o.host.includes(':') ? `[${o.host}]` : o.host;
  return {
    url: `http://${host}:${port}/`,
    close: () => new Promise<void>((ok) => {
      server.closeAllConnections();
      server.close(() => ok());
    }),
  };
}
