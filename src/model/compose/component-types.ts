// Every built-in component type, by the id incident files use (`type: service-queue`). A plain
// object: a library user passes an extended copy to `compileComposition`.
import type { ComponentType } from './component.js';
import { capacity } from '../components/capacity.js';
import { closedClients } from '../components/closed-clients.js';
import { nodeCrashes } from '../components/node-crashes.js';
import { openClients } from '../components/open-clients.js';
import { replicaPartition } from '../components/replica-partition.js';
import { replicaSearch } from '../components/replica-search.js';
import { restoreAtRate } from '../components/restore-at-rate.js';
import { serviceQueue } from '../components/service-queue.js';
import { zoneControlPlane } from '../components/zone-control-plane.js';

export const componentTypes: Readonly<Record<string, ComponentType>> = {
  [capacity.type]: capacity,
  [closedClients.type]: closedClients,
  [nodeCrashes.type]: nodeCrashes,
  [openClients.type]: openClients,
  [replicaPartition.type]: replicaPartition,
  [replicaSearch.type]: replicaSearch,
  [restoreAtRate.type]: restoreAtRate,
  [serviceQueue.type]: serviceQueue,
  [zoneControlPlane.type]: zoneControlPlane,
};
