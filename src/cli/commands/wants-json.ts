// `--format json`, or its alias `--json`: how every command that prints results asks for JSON.
export function wantsJson(args: { json?: unknown; format?: unknown }): boolean {
  return args.json === true || args.format === 'json';
}
