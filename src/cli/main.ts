// The command line: a yargs parser over the command table. Returns an exit code; never exits.
import yargs, { type Argv } from 'yargs';
import { ExitCode, UserError, type Io } from './io.js';
import { commands, type CommandModule } from './commands/index.js';
import { version } from '../version.js';

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let usageError: string | undefined;
  const verbose = argv.includes('--verbose');

  let parser: Argv = yargs([...argv])
    .scriptName('incident-replay')
    .usage('$0 <command> [options]\n\nReplay published incidents through a capacity model and report actual vs counterfactual.')
    .option('verbose', { type: 'boolean', describe: 'Print stack traces of internal errors', global: true })
    .strict()
    .demandCommand(1, 'Name a command (see the list above).')
    .recommendCommands()
    .exitProcess(false)
    .version(version)
    .help()
    .alias('h', 'help')
    .wrap(Math.min(100, (process.stdout.columns as number | undefined) ?? 100))
    .fail((message, error) => {
      // yargs routes both usage errors and handler rejections here; handlers never reject
      // (see `wrap` below), so what arrives is a usage error.
      usageError = message ?? error?.message ?? 'wrong usage';
    });

  for (const command of commands) parser = parser.command(wrap(command, io, (code) => (exitCode = code), verbose));

  const output = await new Promise<string>((resolve) => {
    void parser.parseAsync([...argv], {}, (_error, _args, text) => resolve(text ?? ''));
  }).catch((error: unknown) => {
    usageError = (error as Error).message;
    return '';
  });

  if (usageError !== undefined) {
    if (output) io.stderr.write(`${output.trimEnd()}\n`);
    if (!output.includes(usageError)) io.stderr.write(`\n${usageError}\n`);
    return ExitCode.usage;
  }
  if (output) io.stdout.write(`${output.trimEnd()}\n`);
  return exitCode;
}

/** Run a command's handler so that a rejection becomes a reported error and an exit code. */
function wrap(command: CommandModule, io: Io, setExit: (code: number) => void, verbose: boolean) {
  return {
    command: command.command,
    describe: command.describe,
    builder: command.builder,
    handler: async (args: Record<string, unknown>) => {
      try {
        setExit(await command.handler(args, io));
      } catch (error) {
        if (error instanceof UserError) {
          io.stderr.write(`incident-replay: ${error.message}\n`);
          setExit(error.exitCode);
        } else {
          const e = error as Error;
          io.stderr.write(`incident-replay: internal error: ${e?.message ?? String(error)}\n`);
          if (verbose && e?.stack) io.stderr.write(`${e.stack}\n`);
          else io.stderr.write('(run again with --verbose for the stack trace, and please report it)\n');
          setExit(ExitCode.failure);
        }
      }
    },
  };
}
