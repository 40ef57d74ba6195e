// Run the CLI in-process with captured streams, as the tests' single way to call it.
import { main } from '../../src/cli/main.js';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export async function runMain(argv: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: { write: (t: string) => (stdout += t) },
    stderr: { write: (t: string) => (stderr += t) },
    cwd,
    color: false,
  });
  return { code, stdout, stderr };
}

/** A stack trace line, as Node prints them: none may reach a user. */
export const stackTraceLine = /^\s+at .+[:(]\d+/m;
