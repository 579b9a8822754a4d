import { type Config, marshalConfig } from '@tocsin/config';
import { Inhibitor } from '@tocsin/inhibit';
import { RouteTree } from '@tocsin/routing';

/**
 * Everything the API derives from one config. Built whole on each reload and swapped in one
 * assignment, so a request never sees half of an old config and half of a new one.
 */
export interface IngestState {
  config: Config;
  routes: RouteTree;
  inhibitor: Inhibitor;
  /** `config.original` of /api/v2/status: the parsed config re-marshalled, secrets masked. */
  original: string;
  resolveTimeoutMs: number;
}

export function buildIngestState(config: Config): IngestState {
  return {
    config,
    routes: RouteTree.fromConfig(config),
    inhibitor: Inhibitor.fromConfig(config),
    original: marshalConfig(config),
    resolveTimeoutMs: config.global.resolve_timeout.ms,
  };
}
