// What a report knows of the sensitivity run: its result, or why there is none. `build` fills
// it in; sections read it from the report state and say plainly when it was not run.
import type { SensitivityResult } from '../analysis/sensitivity.js';

export type ReportSensitivity =
  | { status: 'run'; result: SensitivityResult }
  /** `skipped`: `--no-sensitivity`; `no-ranges`: no parameter has a plausible range; `failed`: the run stopped (message). */
  | { status: 'not-run'; reason: 'skipped' | 'no-ranges' | 'failed'; message?: string };
