// The JSON Schema editors use (generated/defs.schema.json) agrees with zxkit: it accepts
// every definition file in defs/ and rejects broken ones. Each defs file points at it.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { POKE, repoRoot } from './helpers.js';

const schema = JSON.parse(readFileSync(join(repoRoot, 'generated', 'defs.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);
const defsDir = join(repoRoot, 'defs');
const yamlFiles = readdirSync(defsDir).filter((f) => f.endsWith('.yaml'));

describe('defs.schema.json', () => {
  it('is wired into every definition file with a yaml-language-server comment', () => {
    expect(yamlFiles.length).toBeGreaterThan(7);
    for (const f of yamlFiles) {
      expect(readFileSync(join(defsDir, f), 'utf8').split('\n')[0], f).toBe('# yaml-language-server: $schema=../generated/defs.schema.json');
    }
  });

  it('accepts every file in defs/', () => {
    for (const f of yamlFiles) {
      const ok = validate(parse(readFileSync(join(defsDir, f), 'utf8')));
      expect(ok ? [] : validate.errors, f).toEqual([]);
    }
  });

  const broken: Record<string, string> = {
    'an unknown key': POKE.replace('    summary:', '    sumary:'),
    'a missing description': POKE.replace('    description: Pokes the thing.\n', ''),
    'an unknown attribute word': POKE.replace('    summary: Poke a thing.', '    summary: Poke a thing.\n    attributes: [pager]'),
    'a wrong direction': POKE.replace('        type: uint32_t', '        type: uint32_t\n        dir: sideways'),
    'a list where a string belongs': POKE.replace('    summary: Poke a thing.', '    summary: [Poke]'),
    'an unknown top-level key': `${POKE}functions: {}\n`,
    'a bad ownership word': POKE.replace('        type: zx_handle_t', '        type: zx_handle_t\n        handle: { ownership: borrow }'),
    'a check without an error': POKE.replace('    errors:', '    checks:\n      - { param: options, max: 3 }\n    errors:'),
    'an alias written as alias: instead of alias_of:': 'constants:\n  g:\n    kind: right\n    type: zx_rights_t\n    values:\n      A: 0x1\n      B: { alias: A }\n',
  };
  for (const [what, text] of Object.entries(broken)) {
    it(`rejects ${what}`, () => {
      expect(validate(parse(text))).toBe(false);
    });
  }
});
