// The built-in model kinds, registered by id. Each kind lives in its own file.
import { registerKind } from '../registry.js';
import { retryStorm } from './retry-storm.js';
import { remirrorStorm } from './remirror-storm.js';
import { resourceLeak } from './resource-leak.js';
import { threadLimit } from './thread-limit.js';

export const builtinKinds = [retryStorm, remirrorStorm, resourceLeak, threadLimit];

for (const kind of builtinKinds) registerKind(kind);
