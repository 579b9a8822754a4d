export { compareAlertLabels } from './alert-order.js';
export { buildDispatcherState, type DispatcherState } from './dispatcher-state.js';
export { DISPATCHER_FLAGS, type DispatcherFlags, parseDispatcherFlags } from './flags.js';
export { type TickJobData, tickJobId } from './flush-queue.js';
export { GROUP_FIELDS, type GroupKeys, groupKeys } from './group-keys.js';
export { type FlushOutcome, type GroupRecord, GroupStore } from './group-store.js';
export { nextFlushAt, type TimingEvent } from './group-timing.js';
export {
  ConfigLoadError,
  type DispatcherOptions,
  type RunningDispatcher,
  runDispatcher,
  startDispatcher,
} from './main.js';
