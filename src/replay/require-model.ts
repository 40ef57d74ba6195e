// The commands that replay (`simulate`, `fit`, `sensitivity`, `boundary`) on an incident without
// a `model:`: one message that says what is missing and how to add it, and that the report does
// not need it. An incident file without a model is valid; only replaying it is not possible.
import { UserError } from '../cli/io.js';
import type { ValidIncident } from './load-valid-incident.js';

export function requireModel(valid: ValidIncident, command: string): void {
  if (valid.incident.model) return;
  throw new UserError(
    `${valid.file}: the incident has no \`model:\`, so there is nothing to replay for \`${command}\`. ` +
      'Add a `model:` to the file: a kind with its parameters (`incident-replay new <id>` writes an example with the `retry-storm` kind; ' +
      'the README’s “Model your own incident” says how to choose one) or `components`. ' +
      `\`incident-replay report ${valid.file}\` writes the report of the record without one.`,
  );
}
