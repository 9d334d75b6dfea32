// A small line-based unified diff (Myers' O(ND) algorithm), for `check` to show drift.

export function unifiedDiff(oldText: string, newText: string, oldName: string, newName: string, context = 3): string {
  const a = oldText.split('\n');
  const b = newText.split('\n');
  const ops = diffLines(a, b);
  const hunks: string[] = [];
  let i = 0;
  while (i < ops.length) {
    if (ops[i].op === ' ') { i++; continue; }
    let start = Math.max(0, i - context);
    let end = i;
    // Extend the hunk while changes are within 2*context lines of each other.
    while (end < ops.length) {
      if (ops[end].op !== ' ') { end++; continue; }
      let run = end;
      while (run < ops.length && ops[run].op === ' ') run++;
      if (run === ops.length || run - end > 2 * context) { end = Math.min(ops.length, end + context); break; }
      end = run;
    }
    const slice = ops.slice(start, end);
    const aStart = slice.find((o) => o.op !== '+')?.ai ?? 0;
    const bStart = slice.find((o) => o.op !== '-')?.bi ?? 0;
    const aLen = slice.filter((o) => o.op !== '+').length;
    const bLen = slice.filter((o) => o.op !== '-').length;
    hunks.push(`@@ -${aStart + 1},${aLen} +${bStart + 1},${bLen} @@`);
    for (const o of slice) hunks.push(o.op + o.line);
    i = end;
    start = end;
  }
  if (hunks.length === 0) return '';
  return [`--- ${oldName}`, `+++ ${newName}`, ...hunks].join('\n') + '\n';
}

interface Op { op: ' ' | '-' | '+'; line: string; ai: number; bi: number }

function diffLines(a: string[], b: string[]): Op[] {
  const n = a.length, m = b.length, max = n + m;
  const v = new Int32Array(2 * max + 2);
  const trace: Int32Array[] = [];
  outer: for (let d = 0; d <= max; d++) {
    trace.push(v.slice());
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[max + k - 1] < v[max + k + 1]) ? v[max + k + 1] : v[max + k - 1] + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) { x++; y++; }
      v[max + k] = x;
      if (x >= n && y >= m) break outer;
    }
  }
  const ops: Op[] = [];
  let x = n, y = m;
  for (let d = trace.length - 1; d >= 0 && (x > 0 || y > 0); d--) {
    const vv = trace[d];
    const k = x - y;
    const prevK = k === -d || (k !== d && vv[max + k - 1] < vv[max + k + 1]) ? k + 1 : k - 1;
    const prevX = vv[max + prevK];
    const prevY = prevX - prevK;
    while (x > prevX && y > prevY) { x--; y--; ops.push({ op: ' ', line: a[x], ai: x, bi: y }); }
    if (d > 0) {
      if (x === prevX) { y--; ops.push({ op: '+', line: b[y], ai: x, bi: y }); }
      else { x--; ops.push({ op: '-', line: a[x], ai: x, bi: y }); }
    }
  }
  return ops.reverse();
}
