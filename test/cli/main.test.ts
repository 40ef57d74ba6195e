// The CLI frame: help, version, exit codes 0/1/2, usage errors with the command's help, and no
// stack trace for anything a user can do.
import { describe, it, expect } from 'vitest';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { commands } from '../../src/cli/commands/index.js';
import { UserError, ExitCode } from '../../src/cli/io.js';
import { runMain, stackTraceLine } from './run-main.js';

const root = path.resolve(import.meta.dirname, '../..');
const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string };

describe('main', () => {
  it('--help lists the commands on stdout with exit 0', async () => {
    const r = await runMain(['--help'], root);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^incident-replay <command> \[options\]/);
    for (const name of ['validate [paths..]', 'new <id>', 'schema']) expect(r.stdout).toContain(`incident-replay ${name}`);
  });

  it('--version prints the package version', async () => {
    expect(await runMain(['--version'], root)).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('has a help page per command', async () => {
    for (const [name, option] of [['validate', '--format'], ['new', '--timezone'], ['schema', '--help']] as const) {
      const r = await runMain([name, '--help'], root);
      expect(r.code, name).toBe(0);
      expect(r.stdout.split('\n')[0]).toMatch(new RegExp(`^incident-replay ${name}\\b`));
      expect(r.stdout).toContain(option);
    }
  });

  it('no command: the general help and the error on stderr, exit 2', async () => {
    const r = await runMain([], root);
    expect(r.code).toBe(ExitCode.usage);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^incident-replay <command> \[options\]/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('Name a command (see the list above).');
  });

  it('an unknown command: did-you-mean when close, exit 2', async () => {
    let r = await runMain(['valdate'], root);
    expect(r.code).toBe(2);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('unknown command `valdate`; did you mean `validate`?');
    r = await runMain(['frobnicate'], root);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('unknown command `frobnicate` (see the list above)');
  });

  it('an unknown option: the help of that command and the error, exit 2', async () => {
    const r = await runMain(['validate', '--fromat', 'json'], root);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^incident-replay validate \[paths\.\.\]/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('Unknown argument: fromat');
  });

  it('a bad option value and a missing argument are usage errors', async () => {
    let r = await runMain(['validate', '--format', 'xml'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('Invalid values:');
    r = await runMain(['new'], root);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^incident-replay new <id>/);
    expect(r.stderr.trimEnd().split('\n').at(-1)).toBe('Not enough non-option arguments: got 0, need at least 1');
  });

  it('reports an internal error in one line, with the stack only under --verbose', async () => {
    const boom = {
      command: 'boom',
      describe: 'test command that fails',
      builder: (y: never) => y,
      handler: async () => {
        throw new TypeError('cannot read properties of undefined');
      },
    };
    const fail = {
      command: 'fail',
      describe: 'test command that fails as a user error',
      builder: (y: never) => y,
      handler: async () => {
        throw new UserError('that file is not there');
      },
    };
    commands.push(boom, fail);
    try {
      let r = await runMain(['boom'], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toBe(
        'incident-replay: internal error: cannot read properties of undefined\n(run again with --verbose for the stack trace, and please report it)\n',
      );
      r = await runMain(['boom', '--verbose'], root);
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(stackTraceLine);
      r = await runMain(['fail'], root);
      expect(r).toEqual({ code: 1, stdout: '', stderr: 'incident-replay: that file is not there\n' });
    } finally {
      commands.splice(commands.indexOf(boom), 2);
    }
  });

  it('never prints a stack trace for a usage error', async () => {
    for (const argv of [['--nope'], ['validate', '--format'], ['new', 'Not_Kebab'], ['schema', 'extra']]) {
      const r = await runMain(argv, root);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr).not.toMatch(stackTraceLine);
    }
  });
});

describe('schema', () => {
  it('prints the JSON Schema', async () => {
    const r = await runMain(['schema'], root);
    expect(r.code).toBe(0);
    const schema = JSON.parse(r.stdout);
    expect(schema.$schema).toBe('http://json-schema.org/draft-07/schema#');
    expect(schema.required).toEqual(expect.arrayContaining(['id', 'timezone', 'sources', 'timeline']));
  });
});

describe('help of every command', () => {
  it('lists its options and examples once, with --help and after a usage error', async () => {
    const names = commands.map((c) => (Array.isArray(c.command) ? c.command[0]! : c.command).split(' ')[0]!);
    for (const name of names) {
      for (const argv of [[name, '--help'], [name, '--no-such-option']]) {
        const r = await runMain(argv, process.cwd());
        const text = r.stdout + r.stderr;
        expect(text.match(/^Examples:$/gm), argv.join(' ')).toHaveLength(1);
        const examples = text.split('\nExamples:\n')[1]!.split('\n\n')[0]!.split('\n').filter((l) => l.startsWith(`  incident-replay ${name}`));
        expect(examples.length, argv.join(' ')).toBeGreaterThan(0);
        expect(new Set(examples).size, argv.join(' ')).toBe(examples.length);
        expect(text.match(/^\s+--verbose /gm), argv.join(' ')).toHaveLength(1);
      }
    }
  });
});
