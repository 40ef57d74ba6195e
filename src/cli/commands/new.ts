import type { CommandModule } from './index.js';

// The same rule as `idPattern` in incident/schema.ts (a test keeps them equal); repeated here so
// that parsing the command line does not load zod.
const kebabCase = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const newCommand: CommandModule = {
  command: 'new <id>',
  describe: 'Start an incident file: a valid, commented template in incidents/<id>.yaml',
  builder: (y) =>
    y
      .positional('id', {
        type: 'string',
        describe: 'Incident id in kebab-case, e.g. aws-ebs-2011-04-21 (a date in it dates the example timeline)',
      })
      .option('output', { alias: 'o', type: 'string', requiresArg: true, describe: 'Write here instead of incidents/<id>.yaml' })
      .option('timezone', {
        alias: 'z',
        type: 'string',
        default: 'UTC',
        requiresArg: true,
        describe: 'IANA time zone of the postmortem\'s times, e.g. America/Los_Angeles',
      })
      .option('title', { alias: 't', type: 'string', requiresArg: true, describe: 'Title of the incident' })
      .option('model', {
        type: 'boolean',
        default: true,
        describe: 'Include an example capacity model and scenario; --no-model writes a postmortem without one (its report shows the record alone)',
      })
      .check((argv) => {
        const id = String(argv.id);
        if (!kebabCase.test(id)) {
          return `the id \`${id}\` is not kebab-case: use lower-case letters, digits and single hyphens, e.g. aws-ebs-2011-04-21`;
        }
        const zone = String(argv.timezone);
        let reading: string;
        try {
          reading = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
        } catch {
          return `unknown time zone \`${zone}\`: use an IANA name such as America/Los_Angeles or UTC`;
        }
        // `PST` is accepted by Node.js but read as America/Los_Angeles: ask for the name.
        if (!zone.includes('/') && zone !== 'UTC') {
          return `\`${zone}\` is an abbreviation, not a zone name (Node.js reads it as ${reading}): use an IANA name such as ${reading === 'UTC' ? 'UTC' : reading}`;
        }
        return true;
      })
      .example('$0 new aws-ebs-2011-04-21 -z America/Los_Angeles', 'create incidents/aws-ebs-2011-04-21.yaml')
      .example('$0 new my-outage -o drafts/x.yaml -t "My outage"', 'write elsewhere, with a title')
      .example('$0 new db-outage-2024-03-02 --no-model', 'a postmortem without a capacity model'),
  handler: async (args, io) => {
    const { runNew } = await import('../../incident/new-incident.js');
    return runNew(
      {
        id: String(args.id),
        output: args.output as string | undefined,
        timezone: String(args.timezone),
        title: args.title as string | undefined,
        model: args.model !== false,
      },
      io,
    );
  },
};
