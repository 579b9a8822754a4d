import type { Config, IntegrationConfigs, IntegrationType } from '@tocsin/config';

/**
 * The config of one integration in the current config: receiver by name, then the index-th
 * config of that type. Undefined when a reload removed it.
 */
export function findIntegrationConfig<T extends IntegrationType>(
  config: Config,
  receiver: string,
  type: T,
  index: number,
): IntegrationConfigs[T] | undefined {
  const found = config.receivers.find((r) => r.name === receiver);
  if (!found) return undefined;
  const list = (found as unknown as Record<string, IntegrationConfigs[T][] | undefined>)[`${type}_configs`];
  return list?.[index];
}
