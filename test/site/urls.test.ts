// The site's URL scheme is a contract other tools link to (the playground links a failing call
// to its error's row), and every link the site writes is relative to the page holding it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { errorAnchor, objectPage, relativeUrl, rootOf, sectionId, syscallPage } from '../../generator/site/urls.js';
import { repoRoot } from '../generator/helpers.js';

it('gives each syscall, error row, section and object type one stable path', () => {
  expect(syscallPage('socket_share')).toBe('syscalls/socket_share.html');
  expect(errorAnchor('socket_share', 'ZX_ERR_BAD_HANDLE')).toBe('syscalls/socket_share.html#ZX_ERR_BAD_HANDLE');
  expect(objectPage('eventpair')).toBe('objects/eventpair.html');
  expect(sectionId('RETURN VALUE')).toBe('return-value');
  expect(sectionId('SEE ALSO')).toBe('see-also');
});

it('links relative to the page, so the site works from file:// and from any folder of a server', () => {
  expect(relativeUrl('index.html', 'syscalls/socket_read.html')).toBe('syscalls/socket_read.html');
  expect(relativeUrl('syscalls/socket_share.html', 'syscalls/socket_read.html')).toBe('socket_read.html');
  expect(relativeUrl('syscalls/socket_share.html', 'objects/socket.html')).toBe('../objects/socket.html');
  expect(relativeUrl('objects/socket.html', 'index.html')).toBe('../index.html');
  expect(relativeUrl('syscalls/a.html', 'syscalls/a.html#ZX_ERR_NO_MEMORY')).toBe('a.html#ZX_ERR_NO_MEMORY');
  expect(relativeUrl('syscalls/a.html', 'assets/style.css')).toBe('../assets/style.css');
  expect(rootOf('index.html')).toBe('');
  expect(rootOf('syscalls/a.html')).toBe('../');
});

it('imports nothing from Node, so a page can use it to form its links', () => {
  expect(readFileSync(join(repoRoot, 'generator', 'site', 'urls.ts'), 'utf8')).not.toMatch(/from '(node:)?[a-z]+'/);
});
