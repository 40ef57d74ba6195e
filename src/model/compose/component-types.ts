// Every built-in component type, by the id incident files use (`type: service-queue`). A plain
// object: a library user passes an extended copy to `compileComposition`.
import type { ComponentType } from './component.js';
import { alarm } from '../components/alarm.js';
import { capacity } from '../components/capacity.js';
import { closedClients } from '../components/closed-clients.js';
import { fleetMembership } from '../components/fleet-membership.js';
import { leakingMembers } from '../components/leaking-members.js';
import { memberFailover } from '../components/member-failover.js';
import { nodeCrashes } from '../components/node-crashes.js';
import { openClients } from '../components/open-clients.js';
import { path } from '../components/path.js';
import { replicaPartition } from '../components/replica-partition.js';
import { replicaSearch } from '../components/replica-search.js';
import { restartQueue } from '../components/restart-queue.js';
import { restoreAtRate } from '../components/restore-at-rate.js';
import { serviceQueue } from '../components/service-queue.js';
import { threadPool } from '../components/thread-pool.js';
import { zoneControlPlane } from '../components/zone-control-plane.js';

export const componentTypes: Readonly<Record<string, ComponentType>> = {
  [alarm.type]: alarm,
  [capacity.type]: capacity,
  [closedClients.type]: closedClients,
  [fleetMembership.type]: fleetMembership,
  [leakingMembers.type]: leakingMembers,
  [memberFailover.type]: memberFailover,
  [nodeCrashes.type]: nodeCrashes,
  [openClients.type]: openClients,
  [path.type]: path,
  [replicaPartition.type]: replicaPartition,
  [replicaSearch.type]: replicaSearch,
  [restartQueue.type]: restartQueue,
  [restoreAtRate.type]: restoreAtRate,
  [serviceQueue.type]: serviceQueue,
  [threadPool.type]: threadPool,
  [zoneControlPlane.type]: zoneControlPlane,
};
