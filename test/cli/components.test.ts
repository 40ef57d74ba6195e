import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from './run-main.js';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe('incident-replay components', () => {
  it('lists every component type with its parameters, ports, flows and actions', async () => {
    const r = await runMain(['components'], root);
    expect(r.code).toBe(0);
    for (const type of ['capacity', 'closed-clients', 'open-clients', 'service-queue']) expect(r.stdout).toMatch(new RegExp(`^${type}: `, 'm'));
    expect(r.stdout).toContain('    timeout (min; ≥ 0, required): how long a client waits before it gives the attempt up');
    expect(r.stdout).toContain('    add { amount (requests/min), overMinutes? (min), ratePerMinute? }: operators add capacity, at once or ramped');
  });

  it('shows one type, and suggests a name for a misspelt one (usage error, exit 2)', async () => {
    const one = await runMain(['components', 'closed-clients'], root);
    expect(one.stdout).toMatch(/^closed-clients: /);
    expect(one.stdout).not.toContain('service-queue:');
    const typo = await runMain(['components', 'closed-client'], root);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('unknown component type `closed-client`; did you mean `closed-clients`?');
  });
});
