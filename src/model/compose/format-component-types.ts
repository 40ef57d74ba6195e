// The component library as text, for `incident-replay components`: each type's parameters
// (unit, bounds, default), ports, flows and actions, so a model can be written from the
// terminal without reading the source.
import type { ComponentType, ParameterSpec } from './component.js';

function bounds(spec: ParameterSpec): string {
  const parts = [
    spec.min !== undefined ? `≥ ${spec.min}` : '',
    spec.max !== undefined ? `≤ ${spec.max}` : '',
    spec.integer ? 'whole' : '',
    spec.extensive ? 'split between cells' : '',
    spec.default !== undefined ? `default ${Number.isFinite(spec.default) ? spec.default : 'none (never)'}` : 'required',
  ].filter(Boolean);
  return parts.join(', ');
}

export function formatComponentType(t: ComponentType): string {
  const lines = [`${t.type}: ${t.description}`];
  if (t.equations) lines.push(`  equations: ${t.equations}`);
  lines.push('  parameters:');
  for (const [name, p] of Object.entries(t.parameters)) lines.push(`    ${name} (${p.unit}; ${bounds(p)}): ${p.description}`);
  lines.push('  stocks (ports):');
  for (const [name, p] of Object.entries(t.stocks)) {
    lines.push(`    ${name} (${p.unit}, ${p.access === 'read' ? 'read' : 'written'}${p.optional ? `, optional${p.role ? ` ${p.role}` : ''}` : ''}): ${p.description}`);
  }
  lines.push('  flows (per minute in series):');
  for (const [name, f] of Object.entries(t.flows)) lines.push(`    ${name} (${f.unit}): ${f.description}`);
  lines.push('  actions:');
  for (const [name, a] of Object.entries(t.actions)) {
    const args = Object.entries(a.args ?? {}).map(([n, s]) => `${n}${s.required ? '' : '?'}${s.unit ? ` (${s.unit})` : ''}`);
    lines.push(`    ${name}${args.length > 0 ? ` { ${args.join(', ')} }` : ''}: ${a.description}`);
  }
  return `${lines.join('\n')}\n`;
}

export function formatComponentTypes(types: readonly ComponentType[]): string {
  return types.map(formatComponentType).join('\n');
}
