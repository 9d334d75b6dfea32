// Terminal colour: only on a TTY, never when NO_COLOR is set (https://no-color.org), and
// forced with FORCE_COLOR for tools that capture output but render colour.

export interface Paint {
  readonly bold: (s: string) => string;
  readonly red: (s: string) => string;
  readonly green: (s: string) => string;
  readonly yellow: (s: string) => string;
}

const plain: Paint = { bold: (s) => s, red: (s) => s, green: (s) => s, yellow: (s) => s };
const ansi: Paint = {
  bold: (s) => `\x1b[1m${s}\x1b[22m`,
  red: (s) => `\x1b[31m${s}\x1b[39m`,
  green: (s) => `\x1b[32m${s}\x1b[39m`,
  yellow: (s) => `\x1b[33m${s}\x1b[39m`,
};

export function colourEnabled(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined && force !== '' && force !== '0') return true;
  return stream.isTTY === true;
}

export function paint(stream: { isTTY?: boolean }): Paint {
  return colourEnabled(stream) ? ansi : plain;
}
