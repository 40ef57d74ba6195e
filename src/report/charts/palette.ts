// Okabe–Ito: eight colours that stay distinct for the common forms of colour blindness.
// The actual replay is always blue; counterfactuals take the others in order (yellow last:
// it is hard to see on white).
export const okabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
} as const;

export const actualColour = okabeIto.blue;
export const observedColour = okabeIto.black;
export const eventColour = '#555555';

const counterfactualColours = [
  okabeIto.orange,
  okabeIto.green,
  okabeIto.vermillion,
  okabeIto.purple,
  okabeIto.skyBlue,
  okabeIto.black,
  okabeIto.yellow,
];

export function counterfactualColour(index: number): string {
  return counterfactualColours[index % counterfactualColours.length]!;
}

/** `#0072B2` with an alpha, as `rgba(…)`, for the Monte Carlo band. */
export function withAlpha(hex: string, alpha: number): string {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgba(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}, ${alpha})`;
}
