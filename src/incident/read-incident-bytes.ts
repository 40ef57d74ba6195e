// Read an incident file with bounds: only a regular file (a device such as /dev/zero would be
// read forever, a FIFO would block), at most `maxFileBytes`, and not through a symbolic link that
// leads out of the project (a pull request could link incidents/x.yaml to a secret, whose lines
// would be echoed in diagnostics).
import { realpathSync } from 'node:fs';
import { readRegularFile } from './read-regular-file.js';
import type { Diagnostic } from './diagnostic.js';
import { maxFileBytes } from './max-file-bytes.js';
import { isInside, projectDirOf } from './project-path.js';

export type ReadResult = { bytes: Uint8Array } | { problem: Omit<Diagnostic, 'file'> };

export async function readIncidentBytes(file: string): Promise<ReadResult> {
  try {
    // Synchronous, as the read (see read-regular-file.ts); `.native` is the call the
    // asynchronous realpath made, so errors read the same.
    const real = realpathSync.native(file);
    const project = projectDirOf(file);
    if (!isInside(real, realpathOr(project))) {
      return problem('file/outside-project', 'the file is a symbolic link to a file outside the project directory; it was not read', 'copy the file into the project instead of linking to it');
    }
    const read = await readRegularFile(file, maxFileBytes);
    if (read.ok) return { bytes: read.bytes };
    if (read.problem === 'too-large') return { problem: tooLarge(read.size) };
    return problem('file/not-regular', `the file is ${read.what}, not a regular file; it was not read`, 'pass an incident file (.yaml, .yml or .json)');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    return problem(
      'file/unreadable',
      `cannot read the file: ${e.code === 'ENOENT' ? 'it does not exist' : e.code === 'EACCES' ? 'permission denied' : e.code === 'EISDIR' ? 'it is a directory' : e.code === 'ELOOP' ? 'too many symbolic links' : e.message}`,
      "check the path and the file's permissions",
    );
  }
}

function realpathOr(dir: string): string {
  try {
    return realpathSync.native(dir);
  } catch {
    return dir;
  }
}

function problem(rule: string, message: string, hint: string): { problem: Omit<Diagnostic, 'file'> } {
  return { problem: { line: 1, column: 1, severity: 'error', rule, message, hint } };
}

export function tooLarge(byteLength: number): Omit<Diagnostic, 'file'> {
  return {
    line: 1,
    column: 1,
    severity: 'error',
    rule: 'file/too-large',
    message: `file is ${(byteLength / 1024 / 1024).toFixed(1)} MB, expected an incident file under ${maxFileBytes / 1024 / 1024} MB`,
    hint: 'check that this is an incident file; split very long timelines or move bulk data elsewhere',
  };
}
