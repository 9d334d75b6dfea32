// The site in headless Chromium (the system's /usr/bin/chromium through Playwright; nothing is
// downloaded), opened from file://: the search box finds a syscall by part of its name and by
// words of its summary, works from the keyboard alone, and the chosen result's page opens.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Browser } from 'playwright';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { zxkit } from './site-check.js';

const CHROMIUM = '/usr/bin/chromium';
const work = mkdtempSync(join(tmpdir(), 'zxkit-site-browser-'));
const site = join(work, 'site');
let browser: Browser | undefined;

beforeAll(async () => {
  expect(zxkit(['docs', '--html', site]).status).toBe(0);
  if (existsSync(CHROMIUM)) browser = await chromium.launch({ executablePath: CHROMIUM });
}, 120_000);
afterAll(async () => {
  await browser?.close();
  rmSync(work, { recursive: true, force: true });
});

it.skipIf(!existsSync(CHROMIUM))('searches names and summaries from the keyboard, on a page opened from file://', async () => {
  const page = await browser!.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(pathToFileURL(join(site, 'syscalls', 'channel_call.html')).href);
  await page.keyboard.press('/');
  expect(await page.locator('#search').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true);
  await page.keyboard.type('socket sh');
  const options = page.locator('#search-results [role="option"]');
  expect(await options.first().locator('code').textContent()).toBe('zx_socket_share()');
  // By summary words alone: "share queue" is not in any name.
  await page.fill('#search', 'peer endpoint shared');
  expect(await options.locator('code').allTextContents()).toContain('zx_socket_accept()');
  await page.fill('#search', 'socket sh');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowUp');
  await Promise.all([page.waitForURL(/\/syscalls\/socket_share\.html$/), page.keyboard.press('Enter')]);
  expect(await page.locator('h1').textContent()).toBe('zx_socket_share');
  await page.keyboard.press('/');
  await page.keyboard.type('ZX_OBJ_TYPE_EVENTPAIR');
  await Promise.all([page.waitForURL(/\/objects\/eventpair\.html$/), page.keyboard.press('Enter')]);
  await page.keyboard.press('/');
  await page.keyboard.type('no such thing at all');
  expect(await page.locator('#search-results .empty').textContent()).toBe('No syscall or object type matches.');
  await page.keyboard.press('Escape');
  expect(await page.locator('#search-results').isHidden()).toBe(true);
  expect(errors).toEqual([]);
}, 120_000);
