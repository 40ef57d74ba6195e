// The batched recorder writes each series of a batch as a run of the chunk, and the range of
// what it wrote (the least and the greatest value, NaN if any value is NaN), folded over the
// batches of a range of seeds: the reduction takes its bounds from there (reduceRows).
import { describe, it, expect } from 'vitest';
import { compileProgram, type Leaf } from '../../../src/model/compose/series-program.js';
import { seedsRecorder } from '../../../src/model/compose/seeds-recorder.js';

describe('seedsRecorder', () => {
  const leaves: Record<string, Leaf> = { a: { values: [0] }, r: { flows: [0] } };
  const resolve = (n: string) => (Object.hasOwn(leaves, n) ? leaves[n]! : `unknown \`${n}\``);
  const record = seedsRecorder([compileProgram('a', resolve), compileProgram('r / a', resolve)])!;

  it('writes the samples and their range, folded over batches, NaN when a sample is NaN', () => {
    const n = 4;
    const columns = [new Float64Array(12), new Float64Array(12)];
    const lo = [new Float64Array(2).fill(99), new Float64Array(2).fill(99)];
    const hi = [new Float64Array(2).fill(-99), new Float64Array(2).fill(-99)];
    // Batch 1: stocks 3, −1, 0, 2; flows 6, 6, 6, 6 (per minute × 0.5).
    record(Float64Array.from([3, -1, 0, 2]), Float64Array.from([6, 6, 6, 6]), 0.5, new Float64Array(0), columns, 0, n, lo, hi, 1, true);
    expect(Array.from(columns[0]!.subarray(0, 4))).toEqual([3, -1, 0, 2]);
    // r / a with a = 0 is 0 (series division), not Infinity.
    expect(Array.from(columns[1]!.subarray(0, 4))).toEqual([1, -3, 0, 1.5]);
    expect([lo[0]![1], hi[0]![1], lo[1]![1], hi[1]![1]]).toEqual([-1, 3, -3, 1.5]);
    expect([lo[0]![0], hi[0]![0]]).toEqual([99, -99]);
    // Batch 2 folds into batch 1's range; a NaN stock makes the range NaN.
    record(Float64Array.from([5, 4, Number.NaN, 4]), Float64Array.from([1, 1, 1, 1]), 1, new Float64Array(0), columns, 4, n, lo, hi, 1, false);
    expect(Array.from(columns[0]!.subarray(4, 8))).toEqual([5, 4, Number.NaN, 4]);
    expect([lo[0]![1], hi[0]![1]]).toEqual([Number.NaN, Number.NaN]);
    expect([lo[1]![1], hi[1]![1]]).toEqual([Number.NaN, Number.NaN]);
    // A later batch does not undo the NaN; a first batch starts afresh.
    record(Float64Array.from([1, 1, 1, 1]), Float64Array.from([1, 1, 1, 1]), 1, new Float64Array(0), columns, 8, n, lo, hi, 1, false);
    expect(lo[0]![1]).toBeNaN();
    record(Float64Array.from([7, 8, 9, 10]), Float64Array.from([1, 1, 1, 1]), 1, new Float64Array(0), columns, 8, n, lo, hi, 1, true);
    expect([lo[0]![1], hi[0]![1]]).toEqual([7, 10]);
  });
});
