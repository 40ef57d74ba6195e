// Counterfactuals that come out the same (four scenarios that all remove the storm draw four
// lines along zero) hide each other: the reader sees one colour and cannot tell whether the
// others were forgotten. This finds which curves coincide, so the chart can say so in the
// legend and draw them in interleaved dashes, each colour visible in turn along the line.

/**
 * For each curve, the index of the first earlier curve it coincides with (no point further apart
 * than `tolerance`), or -1. Index 0 is usually the actual replay.
 */
export function coincidingCurves(curves: readonly (ArrayLike<number> | undefined)[], tolerance: number): number[] {
  return curves.map((curve, i) => {
    if (!curve) return -1;
    for (let j = 0; j < i; j++) {
      const other = curves[j];
      if (other && sameCurve(curve, other, tolerance)) return j;
    }
    return -1;
  });
}

function sameCurve(a: ArrayLike<number>, b: ArrayLike<number>, tolerance: number): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    if (Number.isNaN(x) !== Number.isNaN(y)) return false;
    if (Math.abs(x - y) > tolerance) return false;
  }
  return true;
}

/**
 * Dashes for member `member` of a group of `size` coinciding dashed curves: each draws one dash
 * in `size`, shifted by one dash from the previous, so the colours alternate along the line.
 */
export function interleavedDash(member: number, size: number, dash = 8): { borderDash: number[]; borderDashOffset: number } {
  if (size <= 1) return { borderDash: [6, 4], borderDashOffset: 0 };
  return { borderDash: [dash, dash * (size - 1)], borderDashOffset: -member * dash };
}
