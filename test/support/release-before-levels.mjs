// The seeds and quantile levels of test/cli/release-before.test.ts, shared with
// the script that wrote its fixture (release-before-bands.mjs).
//
// With n seeds from each of two releases drawing from the same distribution F, the 10th, 50th
// or 90th percentile q̂ of one release falls at F(q̂) = q ± √(q(1 − q)/n) of the other's
// distribution, and the other's empirical distribution at that point adds the same spread
// again: the two differ by √(2q(1 − q)/n) in level. A band of five of those each side leaves
// about one step in a million outside by chance.
export const seeds = 2000;
const centres = [0.1, 0.5, 0.9];
export const spread = (q) => 5 * Math.sqrt((2 * q * (1 - q)) / seeds);
export const levels = centres.flatMap((q) => [q - spread(q), q, q + spread(q)]).map((x) => Number(x.toFixed(4)));
