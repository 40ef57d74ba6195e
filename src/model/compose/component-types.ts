// Every built-in component type, by the id incident files use (`type: service-queue`). A plain
// object: a library user passes an extended copy to `compileComposition`.
import type { ComponentType } from './component.js';
import { capacity } from '../components/capacity.js';
import { closedClients } from '../components/closed-clients.js';
import { fleetMembership } from '../components/fleet-membership.js';
import { openClients } from '../components/open-clients.js';
import { restartQueue } from '../components/restart-queue.js';
import { serviceQueue } from '../components/service-queue.js';

export const componentTypes: Readonly<Record<string, ComponentType>> = {
  [capacity.type]: capacity,
  [closedClients.type]: closedClients,
  [fleetMembership.type]: fleetMembership,
  [openClients.type]: openClients,
  [restartQueue.type]: restartQueue,
  [serviceQueue.type]: serviceQueue,
};
