// `new <id>`: write a commented, valid incident file to start from. Never overwrites.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { UserError, type Io } from '../cli/io.js';
import { dateInId, scaffoldIncident } from './scaffold-incident.js';
import { defaultIncidentDir } from './validate.js';
import { schemaPathFor } from './schema-path.js';

export interface NewOptions {
  id: string;
  /** Where to write; default `incidents/<id>.yaml`. */
  output?: string;
  timezone: string;
  title?: string;
  /** `false` (`--no-model`): a file without `model:`, scenarios or effects. Default true. */
  model?: boolean;
  /** Today, for the example timeline when the id holds no date; injected by tests. */
  now?: Date;
}

export async function runNew(options: NewOptions, io: Io): Promise<number> {
  const output = options.output ?? path.join(defaultIncidentDir, `${options.id}.yaml`);
  const abs = path.resolve(io.cwd, output);
  const schemaPath = schemaPathFor(abs, io.cwd);
  const { kindIds } = await import('../model/registry.js');
  await import('../model/kinds/index.js').catch(() => undefined); // The list of kinds is a courtesy.
  const text = scaffoldIncident({
    id: options.id,
    timezone: options.timezone,
    title: options.title,
    schemaPath,
    date: dateInId(options.id) ?? dayIn(options.timezone, options.now ?? new Date()),
    kinds: kindIds(),
    model: options.model !== false,
  });
  await mkdir(path.dirname(abs), { recursive: true });
  try {
    await writeFile(abs, text, { flag: 'wx' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') {
      throw new UserError(`${output} exists already, not overwriting it; choose another id, write elsewhere with -o <path>, or remove the file first`);
    }
    throw new UserError(`cannot write ${output}: ${(error as Error).message}`);
  }
  io.stdout.write(
    `created ${output}\n` +
      `next: fill it in from the postmortem, then run \`incident-replay validate ${output}\`\n` +
      (options.model === false ? `and \`incident-replay report ${output}\` for its report (the record alone: it has no model)\n` : ''),
  );
  return 0;
}

/** `YYYY-MM-DD` of an instant in a zone. */
function dayIn(zone: string, now: Date): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}
