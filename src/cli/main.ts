// The command line: a yargs parser over the command table. Returns an exit code; never exits.
import yargs, { type Argv } from 'yargs';
import { ExitCode, UserError, type Io } from './io.js';
import { commands, type CommandModule } from './commands/index.js';
import { version } from '../version.js';
import { withModulesAllowed } from '../model/module-trust.js';

/** Thrown from yargs' `fail` to stop it: after a usage error no handler may run. */
class UsageStop extends Error {}

export async function main(argv: readonly string[], io: Io): Promise<number> {
  let exitCode: number = ExitCode.ok;
  let usageError: string | undefined;
  const verbose = argv.includes('--verbose');
  const parser = buildParser(io, verbose, (code) => (exitCode = code)).fail((message, error) => {
    // yargs calls this for usage errors (unknown command or option, missing argument, failed
    // `.check`). Handlers never reject (see `wrap`). Throwing is what stops yargs from going on
    // to run the command anyway; the first message is the one that explains the mistake.
    usageError ??= message ?? error?.message ?? 'wrong usage';
    throw new UsageStop(usageError);
  });

  let output = '';
  try {
    // With a callback, yargs hands over what it would print (help, version) instead of printing.
    await parser.parseAsync([...argv], {}, (_error, _args, text) => {
      output = text ?? '';
    });
  } catch (error) {
    if (usageError === undefined) return reportInternalError(error, io, verbose);
  }

  if (usageError !== undefined) {
    const message = (await unknownCommand(argv)) ?? usageError;
    io.stderr.write(`${(await helpFor(argv, io)).trimEnd()}\n\n${message}\n`);
    return ExitCode.usage;
  }
  if (output) io.stdout.write(`${output.trimEnd()}\n`);
  return exitCode;
}

function buildParser(io: Io, verbose: boolean, setExit: (code: number) => void): Argv {
  let parser: Argv = yargs()
    .scriptName('incident-replay')
    .usage('$0 <command> [options]\n\nReplay published incidents through a capacity model and report actual vs counterfactual.')
    .option('verbose', { type: 'boolean', describe: 'Print stack traces of internal errors', global: true })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'No progress line on stderr (none in CI or in a pipe)', global: true })
    .strict()
    .demandCommand(1, 'Name a command (see the list above).')
    .exitProcess(false)
    .version(version)
    .help()
    .alias('h', 'help')
    // A fixed width unless the output is a terminal that says otherwise: help text in tests
    // must not depend on the window it runs in.
    .wrap(Math.min(100, (io.stdout as { columns?: number }).columns ?? 100));
  for (const command of commands) parser = parser.command(wrap(command, io, setExit, verbose));
  skipHelpCache(parser);
  return parser;
}

/**
 * yargs renders the chosen command's whole help text right after starting its handler, in case
 * the handler rejects and the help must be shown (lib/command.js, `cacheHelpMessage`). Our
 * handlers never reject (see `wrap`), so that text is never read, and laying it out (string
 * widths of every option) costs more CPU than validating the three seed incidents. Help asked
 * for, and help after a usage error, are rendered when they are needed, as before.
 */
function skipHelpCache(parser: Argv): void {
  const internal = (parser as unknown as { getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: () => void } } })
    .getInternalMethods?.()
    .getUsageInstance?.();
  if (internal && typeof internal.cacheHelpMessage === 'function') internal.cacheHelpMessage = () => {};
}

const commandNames = commands.flatMap((c) => (Array.isArray(c.command) ? c.command : [c.command]).map((s) => s.split(' ')[0]!));

/** The first word that is not an option: the command the user meant to run. */
function commandWord(argv: readonly string[]): string | undefined {
  return argv.find((a) => !a.startsWith('-'));
}

/** `unknown command `valdate`; did you mean `validate`?`, or undefined for a known command. */
async function unknownCommand(argv: readonly string[]): Promise<string | undefined> {
  const word = commandWord(argv);
  if (word === undefined || commandNames.includes(word)) return undefined;
  // Loaded only on this error path: start-up stays lean.
  const { closest, distance } = await import('fastest-levenshtein');
  const best = closest(word, commandNames);
  const close = distance(word, best) <= Math.max(2, Math.floor(word.length / 3));
  return `unknown command \`${word}\`` + (close ? `; did you mean \`${best}\`?` : ' (see the list above)');
}

/** The help of the command the user was trying to run, or the general help. */
async function helpFor(argv: readonly string[], io: Io): Promise<string> {
  const name = commandWord(argv);
  const helpArgv = name !== undefined && commandNames.includes(name) ? [name, '--help'] : ['--help'];
  let text = '';
  await buildParser(io, false, () => {})
    .fail(() => {})
    .parseAsync(helpArgv, {}, (_error, _args, output) => {
      text = output ?? '';
    })
    .catch(() => {});
  return text;
}

/** Run a command's handler so that a rejection becomes a reported error and an exit code. */
function wrap(command: CommandModule, io: Io, setExit: (code: number) => void, verbose: boolean) {
  return {
    command: command.command,
    describe: command.describe,
    builder: command.builder,
    handler: async (args: Record<string, unknown>) => {
      try {
        // Code named in data files runs only with the opt-in of whoever runs the command.
        const allowModules = args['allow-modules'] === true || io.allowModules === true;
        setExit(await withModulesAllowed(allowModules, () => command.handler(args, io)));
      } catch (error) {
        setExit(error instanceof UserError ? reportUserError(error, io) : reportInternalError(error, io, verbose));
      }
    },
  };
}

function reportUserError(error: UserError, io: Io): number {
  io.stderr.write(`incident-replay: ${error.message}\n`);
  return error.exitCode;
}

function reportInternalError(error: unknown, io: Io, verbose: boolean): number {
  const e = error as Error | undefined;
  io.stderr.write(`incident-replay: internal error: ${e?.message ?? String(error)}\n`);
  if (verbose && e?.stack) io.stderr.write(`${e.stack}\n`);
  else io.stderr.write('(run again with --verbose for the stack trace, and please report it)\n');
  return ExitCode.failure;
}
