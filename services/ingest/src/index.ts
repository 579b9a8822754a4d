export { AlertsQueue } from './alerts-queue.js';
export { createApp } from './app.js';
export { INGEST_FLAGS, type IngestFlags, parseIngestFlags } from './flags.js';
export type { IngestContext } from './ingest-context.js';
export { buildIngestState, type IngestState } from './ingest-state.js';
export { ConfigLoadError, type RunningIngest, runIngest, startIngest } from './main.js';
export { IngestMetrics } from './metrics.js';
