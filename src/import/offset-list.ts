// The input offset of every character of a block's text, kept in a typed array. A 5 MB document
// has five million of them: pushed one by one into plain arrays (and copied again per sentence)
// they were a tenth of the import's time and most of its garbage. Sentences take views of their
// block's list, never copies.

/** Offsets of a text's characters in the input, indexed like the text. */
export type Offsets = Int32Array;

/** Builds an `Offsets` by appending, growing its buffer by doubling. */
export class OffsetListBuilder {
  private buffer = new Int32Array(64);
  private size = 0;
  private taken = 0;

  push(offset: number): void {
    if (this.size === this.buffer.length) this.grow(this.size + 1);
    this.buffer[this.size++] = offset;
  }

  /** `count` consecutive offsets from `start`: a run of text copied from the input unchanged. */
  pushRun(start: number, count: number): void {
    if (this.size + count > this.buffer.length) this.grow(this.size + count);
    for (let i = 0; i < count; i++) this.buffer[this.size + i] = start + i;
    this.size += count;
  }

  finish(): Offsets {
    return this.buffer.slice(0, this.size);
  }

  /** Drop the last `count` offsets (never those already taken). */
  drop(count: number): void {
    this.size = Math.max(this.taken, this.size - count);
  }

  /**
   * The offsets pushed since the last `take`, as a view (no copy), and start the next list after
   * them: many short lists built one after another share one buffer. A view stays valid when the
   * buffer grows, since growing moves on to a new buffer and leaves the old one as it was.
   */
  take(): Offsets {
    const view = this.buffer.subarray(this.taken, this.size);
    this.taken = this.size;
    return view;
  }

  /** Offsets pushed since the last `take`. */
  get pending(): number {
    return this.size - this.taken;
  }

  private grow(needed: number): void {
    let capacity = this.buffer.length * 2;
    while (capacity < needed) capacity *= 2;
    const next = new Int32Array(capacity);
    next.set(this.buffer.subarray(0, this.size));
    this.buffer = next;
  }
}

/** `count` consecutive offsets from `start`. */
export function offsetRun(start: number, count: number): Offsets {
  const run = new Int32Array(count);
  for (let i = 0; i < count; i++) run[i] = start + i;
  return run;
}

/** A view of the offsets from `start` to `end` (no copy). */
export function sliceOffsets(offsets: Offsets, start: number, end: number): Offsets {
  return offsets.subarray(start, end);
}
