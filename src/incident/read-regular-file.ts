// Read a file only if it is a regular file, and at most `maxBytes` of it: a device such as
// /dev/zero would be read forever and a FIFO would block. The file is opened non-blocking and
// checked on the open handle, so what is checked is what is read. Errors of the file system
// (ENOENT, EACCES, …) are thrown for the caller to word.
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';

export type RegularFile =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'not-regular'; what: string }
  | { ok: false; problem: 'too-large'; size: number };

// Synchronous calls behind an asynchronous signature: an incident file is small (at most
// `maxBytes`), and each asynchronous call (open, stat, read, read, close) waited its turn on the
// thread pool, which on a busy machine cost a command more wall time than the reading itself.
export async function readRegularFile(file: string, maxBytes: number): Promise<RegularFile> {
  // O_NONBLOCK: opening a FIFO with no writer would otherwise wait forever.
  const fd = openSync(file, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    if (!info.isFile()) return { ok: false, problem: 'not-regular', what: describeFileType(info) };
    if (info.size > maxBytes) return { ok: false, problem: 'too-large', size: info.size };
    // One byte past the cap at most: a file that grows meanwhile is still bounded.
    const buffer = new Uint8Array(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    while (length < buffer.length) {
      const bytesRead = readSync(fd, buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) return { ok: false, problem: 'too-large', size: length };
    return { ok: true, bytes: buffer.subarray(0, length) };
  } finally {
    closeSync(fd);
  }
}

function describeFileType(info: import('node:fs').Stats): string {
  if (info.isDirectory()) return 'a directory';
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  return 'not a regular file';
}
