import type { CommandModule } from './index.js';

export const schemaCommand: CommandModule = {
  command: 'schema',
  describe: 'Print the JSON Schema of incident files (for editors: yaml-language-server, VS Code)',
  builder: (y) => y.example('$0 schema > schema/incident.schema.json', 'refresh the committed schema'),
  handler: async (_args, io) => {
    const { incidentJsonSchemaText } = await import('../../incident/json-schema.js');
    io.stdout.write(incidentJsonSchemaText());
    return 0;
  },
};
