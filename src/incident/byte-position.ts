// Where a byte of a file stands, as a line and column a person can jump to: for problems found
// before the file is text (a NUL byte, a byte that is not UTF-8).

/** Line and column (1-based, counting characters, not bytes) of the byte at `index`. */
export function positionOfByte(bytes: Uint8Array, index: number): { line: number; column: number } {
  let line = 1;
  let column = 1;
  for (let i = 0; i < index; i++) {
    // A line ends at LF, CR LF or a lone CR, as an editor shows it.
    if (bytes[i] === 0x0a || (bytes[i] === 0x0d && bytes[i + 1] !== 0x0a)) {
      line++;
      column = 1;
    } else if (bytes[i] === 0x0d) {
      // The CR of a CR LF: the LF ends the line.
    } else if ((bytes[i]! & 0xc0) !== 0x80) {
      // Continuation bytes belong to the character before them.
      column++;
    }
  }
  return { line, column };
}

/** Index of the first byte that does not start a valid UTF-8 sequence (bytes.length if none). */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  // Binary search on the longest valid prefix would miss split sequences; scan instead.
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const len = b < 0x80 ? 1 : b >> 5 === 0b110 ? 2 : b >> 4 === 0b1110 ? 3 : b >> 3 === 0b11110 ? 4 : 0;
    if (len === 0) return i;
    try {
      decoder.decode(bytes.subarray(i, i + len));
    } catch {
      return i;
    }
    i += len;
  }
  return i;
}
