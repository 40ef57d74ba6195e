import type { CommandModule } from './index.js';
import { UserError } from '../io.js';

export const componentsCommand: CommandModule = {
  command: 'components [type]',
  describe: 'List the component types a model can be composed of: parameters, ports, flows and actions',
  builder: (y) =>
    y
      .positional('type', { type: 'string', describe: 'one component type (default: all)' })
      .example('$0 components closed-clients', 'the parameters and actions of one type'),
  handler: async (args, io) => {
    const { componentTypes } = await import('../../model/compose/component-types.js');
    const { formatComponentType, formatComponentTypes } = await import('../../model/compose/format-component-types.js');
    const { didYouMean } = await import('../../incident/did-you-mean.js');
    const wanted = args.type as string | undefined;
    const ids = Object.keys(componentTypes).sort();
    if (wanted === undefined) {
      io.stdout.write(formatComponentTypes(ids.map((id) => componentTypes[id]!)));
      return 0;
    }
    if (!Object.hasOwn(componentTypes, wanted)) {
      const suggestion = didYouMean(wanted, ids);
      throw new UserError(`unknown component type \`${wanted}\`${suggestion ? `; did you mean \`${suggestion}\`?` : ''}; the types are ${ids.join(', ')}`, 2);
    }
    io.stdout.write(formatComponentType(componentTypes[wanted]!));
    return 0;
  },
};
