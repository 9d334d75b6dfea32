// `zxkit playground` in headless Chromium (the system's, driven by Playwright): the page runs
// the socket_share example against its own kernel, and the inspector shows the shared socket's
// handle leave the first process, wait in the share queue, and appear in the second after the
// accept; the timer example's SIGNALED rises when its wait returns and falls at the cancel.
// Every ready example runs without an error. A screenshot goes to test-artifacts/.
import { spawn } from 'node:child_process';
import { mkdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPlayground, type Playground } from '../../playground/server.js';
import { EXAMPLES } from '../../playground/page/examples.js';
import { repoRoot } from '../generator/helpers.js';
import { chromiumPath } from './projects.js';

const artifacts = join(repoRoot, 'test-artifacts');
let pg: Playground;
let browser: Browser;
let page: Page;

beforeAll(async () => {
  pg = await startPlayground({ port: 0, host: '127.0.0.1', root: repoRoot });
  browser = await chromium.launch({ executablePath: chromiumPath(), headless: true });
  page = await browser.newPage({ viewport: { width: 1360, height: 900 } });
  page.on('pageerror', (e) => {
    throw e;
  });
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await pg?.close();
});

/** Run the example `id` from the keyboard (Ctrl+Enter in the editor) and wait until it finished. */
async function runExample(id: string): Promise<void> {
  const runs = Number((await page.getAttribute('body', 'data-ran')) ?? 0);
  await page.selectOption('#example', id);
  await page.focus('#editor');
  await page.keyboard.press('Control+Enter');
  await page.waitForSelector(`body[data-ran="${runs + 1}"]`, { timeout: 30_000 });
}

const rowOf = (syscall: string, nth = 0) => page.locator(`#timeline li[data-syscall="${syscall}"]`).nth(nth);

describe('zxkit playground', () => {
  it('serves the page cross-origin isolated (COOP/COEP), so wasm processes can run in it', async () => {
    await page.goto(pg.url);
    await page.waitForSelector('body[data-ready="1"]');
    expect(await page.evaluate(() => (globalThis as unknown as { crossOriginIsolated: boolean }).crossOriginIsolated)).toBe(true);
  });

  it('shows the shared socket leaving the first process and appearing in the second after the accept', async () => {
    await page.goto(pg.url);
    await page.waitForSelector('body[data-ready="1"]');
    await runExample('socket-share');
    expect(await page.locator('#output .err').count()).toBe(0);

    // The value shared is the second zx_socket_create's first out-parameter, named in the timeline.
    const share = rowOf('zx_socket_share');
    const sharedValue = /socket_to_share=(0x[0-9a-f]+)/.exec((await share.textContent())!)![1]!;
    await rowOf('zx_socket_create', 1).click();
    const koid = await page.locator(`[data-process="first"] tr[data-value="${sharedValue}"]`).getAttribute('data-koid');
    expect(koid).toMatch(/^\d+$/);
    const inFirst = page.locator(`[data-process="first"] tr[data-koid="${koid}"]`);
    const inSecond = page.locator(`[data-process="second"] tr[data-koid="${koid}"]`);
    const inTransit = page.locator(`#transit tr[data-koid="${koid}"]`);
    expect([await inFirst.count(), await inTransit.count(), await inSecond.count()]).toEqual([1, 0, 0]);

    await share.click();
    expect(await page.textContent('#viewing')).toContain('zx_socket_share');
    expect([await inFirst.count(), await inTransit.count(), await inSecond.count()]).toEqual([0, 1, 0]);
    expect(await inTransit.textContent()).toContain('share queue of socket');

    await rowOf('zx_socket_accept').click();
    expect([await inFirst.count(), await inTransit.count(), await inSecond.count()]).toEqual([0, 0, 1]);
    expect(await inSecond.textContent()).toContain('socket');

    // The failing write after the share: its status, the page's text for it, and the reference link.
    const failed = page.locator('#timeline li[data-syscall="zx_socket_write"][data-status="ZX_ERR_BAD_HANDLE"]');
    expect(await failed.count()).toBe(1);
    expect(await failed.locator('.why').textContent()).toMatch(/handle/i);
    expect(await failed.locator('a').getAttribute('href')).toBe('./site/syscalls/socket_write.html#ZX_ERR_BAD_HANDLE');
    expect(await page.textContent('#output')).toContain('second read: hello from first');

    mkdirSync(artifacts, { recursive: true });
    const shot = join(artifacts, 'playground.png');
    await page.screenshot({ path: shot, fullPage: true });
    expect(statSync(shot).size).toBeGreaterThan(1000);
    expect(readFileSync(shot).subarray(1, 4).toString()).toBe('PNG');
  });

  it('moves through the timeline from the keyboard', async () => {
    await page.focus('#timeline');
    await page.keyboard.press('Home');
    expect(await page.getAttribute('#timeline li:first-child', 'aria-selected')).toBe('true');
    await page.keyboard.press('ArrowDown');
    expect(await page.getAttribute('#timeline li:nth-child(2)', 'aria-selected')).toBe('true');
    await page.keyboard.press('End');
    expect(await page.locator('#timeline li[aria-selected="true"]').count()).toBe(0);
  });

  it('shows the timer example: its signal rises when the wait returns, falls at the cancel, and a cancelled timer never fires', async () => {
    await runExample('timer');
    expect(await page.locator('#output .err').count()).toBe(0);
    const out = (await page.textContent('#output'))!;
    expect(out).toContain('wait: ZX_OK');
    expect(out).toContain('wait on the cancelled timer: ZX_ERR_TIMED_OUT');
    // Re-armed at 50 ms then at 80 ms: it fires at the second deadline, never before it.
    const rearmed = /wait after re-arming: ZX_OK after ([\d.]+) ms/.exec(out);
    expect(rearmed, out).not.toBeNull();
    expect(Number(rearmed![1])).toBeGreaterThanOrEqual(80);

    // Every timer_* call of the timeline succeeded: one create, four sets, two cancels.
    const timerCalls = page.locator('#timeline li[data-syscall^="zx_timer_"]');
    expect(await timerCalls.evaluateAll((rows) => rows.map((r) => `${r.getAttribute('data-syscall')} ${r.getAttribute('data-status')}`))).toEqual([
      'zx_timer_create ZX_OK',
      'zx_timer_set ZX_OK',
      'zx_timer_cancel ZX_OK',
      'zx_timer_set ZX_OK',
      'zx_timer_cancel ZX_OK',
      'zx_timer_set ZX_OK',
      'zx_timer_set ZX_OK',
    ]);

    await rowOf('zx_timer_create').click();
    const timerRow = page.locator('[data-process="app"] tr', { hasText: 'timer' });
    expect(await timerRow.count()).toBe(1);
    const koid = await timerRow.getAttribute('data-koid');
    const signals = async (): Promise<string> => (await page.locator(`#objects tr[data-koid="${koid}"] td`).nth(2).textContent())!;
    expect(await signals()).toBe('none');
    const waits = page.locator('#timeline li[data-syscall="zx_object_wait_one"]');
    await waits.nth(0).click(); // blocked: the deadline has not come yet
    expect(await waits.nth(0).getAttribute('data-status')).toBe('');
    expect(await signals()).toBe('none');
    await waits.nth(1).click(); // returned ZX_OK: the timer fired
    expect(await waits.nth(1).getAttribute('data-status')).toBe('ZX_OK');
    expect(await signals()).toBe('SIGNALED');
    await rowOf('zx_timer_cancel').click();
    expect(await signals()).toBe('none');

    // The wait on the cancelled timer failed, with the page's text for that status.
    const timedOut = page.locator('#timeline li[data-syscall="zx_object_wait_one"][data-status="ZX_ERR_TIMED_OUT"]');
    expect(await timedOut.count()).toBe(1);
    expect(await timedOut.locator('.why').textContent()).toMatch(/deadline/i);
    await timedOut.click();
    expect(await signals()).toBe('none');
  });

  it.each(EXAMPLES.map((x) => x.id))('runs the %s example without an error', async (id) => {
    await runExample(id);
    expect(await page.locator('#output .err').allTextContents()).toEqual([]);
    expect(await page.locator('#timeline li').count()).toBeGreaterThan(2);
  });

  it('reports a program that does not compile, with its position', async () => {
    await page.fill('#editor', 'const x: = 1;');
    const runs = Number((await page.getAttribute('body', 'data-ran')) ?? 0);
    await page.click('#run');
    await page.waitForSelector(`body[data-ran="${runs + 1}"]`);
    expect(await page.textContent('#output .err')).toContain('playground.ts:1:10');
  });
});

describe('zxkit playground (the command)', () => {
  it('prints the URL it serves on, 127.0.0.1 by default, and serves the page there', async () => {
    const child = spawn(process.execPath, [join(repoRoot, 'dist-gen', 'generator', 'cli.js'), 'playground', '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      const line = await new Promise<string>((ok, fail) => {
        let out = '';
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          if (out.includes('\n')) ok(out);
        });
        child.once('exit', (code) => fail(new Error(`exited ${code}`)));
      });
      const url = /serving on (http:\/\/127\.0\.0\.1:\d+\/)/.exec(line)?.[1];
      expect(url, line).toBeDefined();
      const res = await fetch(url!);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('<title>zxkit playground</title>');
    } finally {
      child.kill();
    }
  }, 60_000);

  it('refuses a port that is not a number, as a usage error', () => {
    return new Promise<void>((done) => {
      const child = spawn(process.execPath, [join(repoRoot, 'dist-gen', 'generator', 'cli.js'), 'playground', '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString()));
      child.on('exit', (code) => {
        expect(code).toBe(2);
        expect(err).toContain('--port must be a number from 0 to 65535, got "eighty"');
        done();
      });
    });
  }, 60_000);
});
