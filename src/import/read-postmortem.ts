// Read a postmortem from disk and refuse what is not a text document, before any parsing:
// too large, binary, not UTF-8, or empty. Each refusal says where and how to fix it.
import { stat } from 'node:fs/promises';
import { readRegularFile } from '../incident/read-regular-file.js';
import { UserError } from '../cli/io.js';
import { positionOfByte, firstInvalidUtf8 } from '../incident/byte-position.js';

/** Postmortems are prose: anything larger is almost certainly the wrong file. */
export const maxPostmortemBytes = 5 * 1024 * 1024;

export async function readPostmortem(absPath: string, label: string): Promise<string> {
  const info = await stat(absPath).catch(() => undefined);
  if (!info) throw new UserError(`no such file: ${label}\n    hint: pass the path of a postmortem (.md or .txt)`);
  if (info.isDirectory()) throw new UserError(`${label} is a directory, expected a postmortem file (.md or .txt)`);
  // A regular file only, bounded before reading: a FIFO would block, a device never end.
  const read = await readRegularFile(absPath, maxPostmortemBytes).catch((error: Error) => {
    throw new UserError(`cannot read ${label}: ${error.message}`);
  });
  if (!read.ok && read.problem === 'not-regular') throw new UserError(`${label} is ${read.what}, expected a postmortem file (.md or .txt)`);
  if (!read.ok) {
    throw new UserError(
      `${label}: file is ${(read.size / 1024 / 1024).toFixed(1)} MB, expected a postmortem under ${maxPostmortemBytes / 1024 / 1024} MB\n` +
        '    hint: check that this is the prose postmortem, not a log or an archive',
    );
  }
  return decodePostmortem(read.bytes, label);
}

/** Decode the bytes of a postmortem, refusing binary, non-UTF-8 and empty input. */
export function decodePostmortem(bytes: Uint8Array, label: string): string {
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const { line, column } = positionOfByte(bytes, nul);
    throw new UserError(
      `${label}:${line}:${column}: file contains a NUL byte: it looks binary, expected a markdown or plain-text postmortem\n` +
        '    hint: export the postmortem as .md or .txt (copy the text out of a PDF or Word file)',
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const { line, column } = positionOfByte(bytes, firstInvalidUtf8(bytes));
    throw new UserError(
      `${label}:${line}:${column}: file is not valid UTF-8\n` +
        '    hint: convert it first, e.g. `iconv -f latin1 -t utf-8 in.txt > out.txt`',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === '') {
    throw new UserError(`${label}:1:1: file is empty, expected the text of a postmortem with times in it`);
  }
  return text;
}
