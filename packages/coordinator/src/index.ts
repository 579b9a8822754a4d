export { md5AsMetricValue } from './config-metrics.js';
export { Coordinator, type CoordinatorOptions, type ReloadResult, type Subscriber } from './coordinator.js';
export {
  FleetMember,
  type FleetOptions,
  publishReload,
  type ReloadReport,
  readFleetStatus,
  reloadChannel,
  reloadStatusKey,
} from './fleet.js';
