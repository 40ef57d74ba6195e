// The streams and directory a command runs with, injected so tests run commands in-process.
import type { Progress } from './progress.js';
export interface Io {
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  cwd: string;
  /** Colour is for people at a terminal; off in CI and in tests. */
  color?: boolean;
  /** Where commands may keep caches (e.g. validation results); none when absent, as in tests. */
  cacheDir?: string;
  /**
   * The environment's opt-in to importing kind modules named in incident files
   * (INCIDENT_REPLAY_ALLOW_MODULES=1, read by bin.ts); `--allow-modules` gives it per command.
   */
  allowModules?: boolean;
  /** A progress line for long runs, when stderr is a terminal (see progress.ts); none otherwise. */
  progress?: Progress;
}

/** Exit codes, decided once: 0 ok, 1 problems in the data or a failed run, 2 wrong usage. */
export const ExitCode = { ok: 0, failure: 1, usage: 2 } as const;
export type ExitCode = (typeof ExitCode)[keyof typeof ExitCode];

/** An error the user can fix: printed as its message, without a stack trace. */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode: ExitCode = ExitCode.failure,
  ) {
    super(message);
    this.name = 'UserError';
  }
}
