import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { NodeSDK } from '@opentelemetry/sdk-node';
import {
  BatchSpanProcessor,
  ParentBasedSampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace-base';
import { exporterForConfig } from './config-exporter.js';
import { SwitchableSampler, SwitchableSpanProcessor } from './switchable-pipeline.js';
import {
  envEnablesTracing,
  type Tracing,
  type TracingLogger,
  type TracingOptions,
  type TracingSource,
} from './tracing-options.js';

/**
 * Starts the OpenTelemetry Node SDK (loaded only when tracing may be on: see startTracing) from (first match wins) the `--tracing.*`
 * flags, the standard `OTEL_*` variables (`OTEL_EXPORTER_OTLP_ENDPOINT`,
 * `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`, `OTEL_TRACES_EXPORTER`, read by the SDK itself), or the
 * config file's `tracing` block as Alertmanager reads it (applied on every reload). With none of
 * them nothing is started and spans stay no-ops. Call once, from the service's start-up only.
 */
export function startSdk(options: TracingOptions): Tracing {
  const env = options.env ?? process.env;
  const serviceName = env.OTEL_SERVICE_NAME ?? `tocsin-${options.service}`;
  const common = {
    serviceName,
    // Tocsin's spans only; no auto-instrumentation, and no metrics or logs over OTLP.
    instrumentations: [],
    metricReaders: [],
    logRecordProcessors: [],
  };
  const sampler =
    options.samplingFraction !== undefined
      ? new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(options.samplingFraction) })
      : undefined;
  let tracing: Tracing;
  if (options.endpoint) {
    const sdk = new NodeSDK({
      ...common,
      spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter({ url: tracesUrl(options.endpoint) }))],
      ...(sampler ? { sampler } : {}),
    });
    sdk.start();
    tracing = fixed('flags', sdk, options.logger);
  } else if (envEnablesTracing(env)) {
    const sdk = new NodeSDK({ ...common, ...(sampler ? { sampler } : {}) });
    sdk.start();
    tracing = fixed('env', sdk, options.logger);
  } else {
    tracing = fromConfig(common, options.logger);
  }
  if (tracing.source !== 'off')
    options.logger.info({ source: tracing.source, serviceName }, 'Tracing started');
  return tracing;
}

/** `http://host:4318` → `http://host:4318/v1/traces`; a URL already ending so is kept. */
export function tracesUrl(endpoint: string): string {
  const base = endpoint.replace(/\/+$/, '');
  return base.endsWith('/v1/traces') ? base : `${base}/v1/traces`;
}

function fixed(source: 'flags' | 'env', sdk: NodeSDK, logger: TracingLogger): Tracing {
  let warned = false;
  return {
    source,
    apply: async (config) => {
      if (config && !warned) {
        warned = true;
        logger.warn(
          { source },
          'The config file sets tracing, but tracing flags or OTEL_* variables take precedence',
        );
      }
    },
    shutdown: () => sdk.shutdown(),
  };
}

/**
 * Alertmanager's behaviour for the `tracing` block: no block, no tracing; a block installs an
 * exporter and a parent-based sampler with `sampling_fraction` (0 when unset, as there); a
 * reload that changes it swaps both, flushing what the old exporter held.
 */
function fromConfig(common: ConstructorParameters<typeof NodeSDK>[0], logger: TracingLogger): Tracing {
  const sampler = new SwitchableSampler();
  const processor = new SwitchableSpanProcessor();
  let sdk: NodeSDK | undefined;
  let applied = 'null';
  const tracing: Tracing & { source: TracingSource } = {
    source: 'off',
    apply: async (config) => {
      const key = JSON.stringify(config ?? null, (_k, v) => (v?.reveal ? v.reveal() : v));
      if (key === applied) return;
      applied = key;
      if (!config) {
        sampler.delegate = new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(0) });
        await processor.swap(undefined);
        if (sdk) logger.info({}, 'Tracing provider uninstalled');
        return;
      }
      const { exporter, ignored } = exporterForConfig(config);
      if (ignored.length > 0)
        logger.warn({ ignored, client_type: config.client_type }, 'Tracing settings not supported, ignored');
      if (!sdk) {
        sdk = new NodeSDK({ ...common, sampler, spanProcessors: [processor] });
        sdk.start();
        tracing.source = 'config';
      }
      sampler.delegate = new ParentBasedSampler({
        root: new TraceIdRatioBasedSampler(config.sampling_fraction ?? 0),
      });
      await processor.swap(new BatchSpanProcessor(exporter));
      logger.info(
        {
          endpoint: config.endpoint,
          client_type: config.client_type,
          sampling_fraction: config.sampling_fraction ?? 0,
        },
        'Tracing provider installed',
      );
    },
    shutdown: async () => {
      await sdk?.shutdown();
    },
  };
  return tracing;
}
