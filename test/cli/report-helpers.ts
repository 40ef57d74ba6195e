// Helpers of the report and build CLI tests: a scratch project with copies of the incident
// files, the CLI run in-process with captured streams, and snapshots of `out/`.
import { cp, mkdtemp, readdir, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { main } from '../../src/cli/main.js';
import type { Io } from '../../src/cli/io.js';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface CapturedIo extends Io {
  out: string[];
  err: string[];
  text(): string;
}

export function captureIo(cwd: string): CapturedIo {
  const out: string[] = [];
  const err: string[] = [];
  return {
    cwd,
    out,
    err,
    stdout: { write: (t: string) => out.push(t) },
    stderr: { write: (t: string) => err.push(t) },
    text: () => out.join('') + err.join(''),
  };
}

export async function run(cwd: string, ...argv: string[]) {
  const io = captureIo(cwd);
  const code = await main(argv, io);
  return { code, stdout: io.out.join(''), stderr: io.err.join('') };
}

/** A temporary project: `incidents/` holds copies of the repository's incident files. */
export async function scratchProject(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'incident-replay-report-'));
  await cp(path.join(repoRoot, 'incidents'), path.join(dir, 'incidents'), { recursive: true });
  return dir;
}

export async function incidentFiles(dir: string): Promise<string[]> {
  return (await readdir(path.join(dir, 'incidents'))).filter((f) => f.endsWith('.yaml')).sort();
}

/** Every file under `dir` → its bytes (images) or text (markdown, JSON). */
export async function snapshot(dir: string, options: { images?: boolean } = {}): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  const walk = async (rel: string) => {
    for (const e of await readdir(path.join(dir, rel), { withFileTypes: true }).catch(() => [])) {
      const child = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) await walk(child);
      else if (options.images !== false || /\.(md|json)$/.test(child)) files.set(child, (await readFile(path.join(dir, child))).toString('base64'));
    }
  };
  await walk('');
  return files;
}
