// Every built-in component type, by the id incident files use (`type: service-queue`). A plain
// object: a library user passes an extended copy to `compileComposition`.
import type { ComponentType } from './component.js';
import { alarm } from '../components/alarm.js';
import { capacity } from '../components/capacity.js';
import { closedClients } from '../components/closed-clients.js';
import { fleetMembership } from '../components/fleet-membership.js';
import { leakingMembers } from '../components/leaking-members.js';
import { memberFailover } from '../components/member-failover.js';
import { openClients } from '../components/open-clients.js';
import { path } from '../components/path.js';
import { restartQueue } from '../components/restart-queue.js';
import { serviceQueue } from '../components/service-queue.js';
import { threadPool } from '../components/thread-pool.js';

export const componentTypes: Readonly<Record<string, ComponentType>> = {
  [alarm.type]: alarm,
  [capacity.type]: capacity,
  [closedClients.type]: closedClients,
  [fleetMembership.type]: fleetMembership,
  [leakingMembers.type]: leakingMembers,
  [memberFailover.type]: memberFailover,
  [openClients.type]: openClients,
  [path.type]: path,
  [restartQueue.type]: restartQueue,
  [serviceQueue.type]: serviceQueue,
  [threadPool.type]: threadPool,
};
