import type { CommandModule } from './index.js';

export const importCommand: CommandModule = {
  command: 'import <file>',
  describe: 'Turn a prose postmortem (.md or .txt) into a draft incident file',
  builder: (y) =>
    y
      .positional('file', { type: 'string', demandOption: true, describe: 'The postmortem, markdown or plain text' })
      .option('timezone', { type: 'string', describe: 'IANA zone for times the text gives no zone for' })
      .option('date', { type: 'string', describe: 'Date (YYYY-MM-DD) for times the text gives no date for' })
      .option('year', { type: 'number', describe: 'Year for dates written without one' })
      .option('output', { alias: 'o', type: 'string', describe: 'Write the draft here (never overwrites); default: stdout' })
      .option('id', { type: 'string', describe: 'Id of the draft incident (default: from the title and date)' })
      .option('json', { type: 'boolean', default: false, describe: 'Print events, figures and warnings as JSON instead of YAML' })
      .example('$0 import postmortem.md -o incidents/db-outage.yaml', 'write a draft incident file')
      .example('$0 import summary.txt --year 2011 --timezone America/Los_Angeles', 'print the draft, filling in what the text leaves out')
      .example('$0 import summary.txt --date 2020-11-25 --json', 'the extracted events as JSON'),
  handler: async (args, io) => {
    const { runImport } = await import('../../import/run-import.js');
    return runImport(
      {
        file: args.file as string,
        ...(args.timezone !== undefined ? { timezone: String(args.timezone) } : {}),
        ...(args.date !== undefined ? { date: String(args.date) } : {}),
        ...(args.year !== undefined ? { year: args.year as number } : {}),
        ...(args.output !== undefined ? { output: String(args.output) } : {}),
        ...(args.id !== undefined ? { id: String(args.id) } : {}),
        json: args.json === true,
      },
      io,
    );
  },
};
