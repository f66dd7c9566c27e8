/** Every file under a folder with its size, mode and content hash, to show that nothing in it changed. */
import { createHash } from 'node:crypto';
import { lstatSync, readdirSync, readFileSync, readlinkSync } from 'node:fs';
import * as path from 'node:path';

export type TreeSnapshot = Record<string, string>;

export function snapshotTree(root: string): TreeSnapshot {
  const out: TreeSnapshot = {};
  const walk = (dir: string) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      const rel = path.relative(root, p);
      const st = lstatSync(p);
      if (st.isSymbolicLink()) out[rel] = `link ${readlinkSync(p)}`;
      else if (st.isDirectory()) {
        out[rel] = `dir ${st.mode.toString(8)}`;
        walk(p);
      } else
        out[rel] =
          `file ${st.mode.toString(8)} ${st.size} ${createHash('sha256').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(root);
  return out;
}

/** What differs, one line each ("+ added", "- removed", "~ changed"); empty when nothing does. */
export function diffSnapshots(before: TreeSnapshot, after: TreeSnapshot): string[] {
  const lines: string[] = [];
  for (const k of Object.keys(after))
    if (!(k in before)) lines.push(`+ ${k}`);
    else if (before[k] !== after[k]) lines.push(`~ ${k}`);
  for (const k of Object.keys(before)) if (!(k in after)) lines.push(`- ${k}`);
  return lines.sort();
}
