// Widths of text in the chart font, without a canvas: the chart configuration is built by a pure
// function (no canvas, so `build --check` and the tests need none), yet placing labels so they
// do not cover each other needs their sizes. These are the advance widths of DejaVu Sans (the
// font every chart is drawn in, see chart-renderer.ts), measured once with node-canvas at
// 1000 px, for printable ASCII; other characters count as the widest common letters.

// prettier-ignore
const regular = [318,401,460,838,636,950,780,275,390,390,500,838,318,361,318,337,636,636,636,636,636,636,636,636,636,636,337,337,838,838,838,531,1000,684,686,698,770,632,575,775,752,295,295,656,557,863,748,787,603,787,695,635,611,732,684,989,685,611,685,390,337,390,838,500,500,613,635,550,635,615,352,635,634,278,278,579,278,974,634,612,635,635,411,521,392,634,592,818,592,592,525,636,337,636,838];
// prettier-ignore
const bold = [348,456,521,838,696,1002,872,306,457,457,523,838,380,415,380,365,696,696,696,696,696,696,696,696,696,696,400,400,838,838,838,580,1000,774,762,734,830,683,683,821,837,372,372,775,637,995,837,850,733,850,770,720,682,812,774,1103,771,724,725,457,365,457,838,500,500,675,716,593,716,678,435,716,712,343,343,665,343,1042,712,687,716,716,493,595,478,712,652,924,645,652,582,712,365,712,838];
const other: Record<string, [number, number]> = { '…': [1000, 1000], '–': [500, 500], '—': [1000, 1000], '’': [318, 380], '‘': [318, 380], '“': [518, 657], '”': [518, 657], '·': [318, 380] };

/** Width in pixels of `text` set in DejaVu Sans at `size` px. */
export function textWidth(text: string, size: number, weight: 'normal' | 'bold' = 'normal'): number {
  const table = weight === 'bold' ? bold : regular;
  let units = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    units += code >= 32 && code < 127 ? table[code - 32]! : (other[ch]?.[weight === 'bold' ? 1 : 0] ?? 800);
  }
  return (units * size) / 1000;
}
