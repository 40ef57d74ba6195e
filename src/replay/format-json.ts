// JSON laid out for people and diffs: objects and lists of lists one entry per line, but a list
// of plain values (a `[time, value]` sample) on one line. `JSON.stringify(x, null, 2)` puts every
// number of every sample on a line of its own, which made a replay of EBS 2011 21 MB.
//
// The text is written piece by piece (`writeJson`), and a long list of samples can be a
// `JsonRows`, each row made only as it is written: at one-second steps a replay has hundreds of
// thousands of samples per series, and as one string its JSON is longer than V8 allows (and as
// `[time, value]` arrays it fills the heap before that).

/** A list of flat rows (`[time, value, …]`), made one at a time as the text is written. */
export class JsonRows {
  constructor(
    readonly length: number,
    readonly row: (index: number) => readonly unknown[],
  ) {}
}

const isPlain = (v: unknown) => v === null || typeof v !== 'object';
const flatList = (values: readonly unknown[]) => `[${values.map((v) => JSON.stringify(v)).join(', ')}]`;

/** `value` as laid-out JSON text, handed to `write` in pieces. */
export function writeJson(value: unknown, write: (text: string) => void, indent = ''): void {
  const inner = `${indent}  `;
  if (value instanceof JsonRows) {
    if (value.length === 0) return write('[]');
    write('[\n');
    for (let i = 0; i < value.length; i++) write(`${i > 0 ? ',\n' : ''}${inner}${flatList(value.row(i))}`);
    return write(`\n${indent}]`);
  }
  if (Array.isArray(value)) {
    if (value.length === 0) return write('[]');
    if (value.every(isPlain)) return write(flatList(value));
    write('[\n');
    value.forEach((v, i) => {
      write(i > 0 ? `,\n${inner}` : inner);
      writeJson(v, write, inner);
    });
    return write(`\n${indent}]`);
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return write('{}');
    write('{\n');
    entries.forEach(([k, v], i) => {
      write(`${i > 0 ? ',\n' : ''}${inner}${JSON.stringify(k)}: `);
      writeJson(v, write, inner);
    });
    return write(`\n${indent}}`);
  }
  write(JSON.stringify(value) ?? 'null');
}

/** `value` as laid-out JSON text, in one string. */
export function formatJson(value: unknown, indent = ''): string {
  const pieces: string[] = [];
  writeJson(value, (text) => void pieces.push(text), indent);
  return pieces.join('');
}

/**
 * A `write` that gathers pieces and passes them on to `out` about `size` characters at a time
 * (a call per sample would be millions of calls); `flush` passes on the rest.
 */
export function gatheredWriter(out: { write(text: string): unknown }, size = 1 << 20): { write(text: string): void; flush(): void } {
  let pieces: string[] = [];
  let gathered = 0;
  const flush = () => {
    if (pieces.length > 0) out.write(pieces.join(''));
    pieces = [];
    gathered = 0;
  };
  return {
    write(text) {
      pieces.push(text);
      gathered += text.length;
      if (gathered >= size) flush();
    },
    flush,
  };
}
