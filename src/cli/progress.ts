// A progress line on stderr for the long runs (Monte Carlo, sensitivity, build): one line,
// rewritten in place, for a person at a terminal. Never in CI logs or pipes (where `\r` lines
// pile up as noise), and not with `--quiet`. Rate-limited, so a fast loop does not spend its
// time drawing.
export interface Progress {
  /** `label`: what is running; `done`/`total`: how far. */
  update(label: string, done: number, total: number): void;
  /** Clear the line (before the command prints its result). */
  end(): void;
}

export const silentProgress: Progress = { update() {}, end() {} };

export function progressWanted(env: Record<string, string | undefined>, stderrIsTTY: boolean, quiet: boolean): boolean {
  return stderrIsTTY && !quiet && !env.CI && env.TERM !== 'dumb';
}

export function createProgress(stream: { write(text: string): unknown }, now: () => number = () => performance.now(), everyMs = 100): Progress {
  let last = -Infinity;
  let shown = false;
  return {
    update(label, done, total) {
      const t = now();
      if (t - last < everyMs && done < total) return;
      last = t;
      const percent = total > 0 ? Math.floor((100 * done) / total) : 0;
      // `\r` back to the line's start, `\x1b[K` clears what a longer previous line left.
      stream.write(`\r${label} ${done}/${total} (${percent}%)\x1b[K`);
      shown = true;
    },
    end() {
      if (shown) stream.write('\r\x1b[K');
      shown = false;
    },
  };
}

/** The callback a long run reports to (`onProgress`), drawing `label` on the line; none without a line. */
export function progressTo(progress: Progress | undefined, label: string): ((done: number, total: number) => void) | undefined {
  return progress && ((done, total) => progress.update(label, done, total));
}
