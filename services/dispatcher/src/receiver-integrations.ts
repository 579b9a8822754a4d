import { INTEGRATION_TYPES, type IntegrationType, type Receiver } from '@tocsin/config';

/** One integration of a receiver: AM's `<receiver>/<integration>[index]`. */
export interface ReceiverIntegration {
  type: IntegrationType;
  /** Position among the receiver's configs of this type: the nflog key's index. */
  index: number;
  sendResolved: boolean;
}

/** Every `<type>_configs[i]` of the receiver; none for a receiver without integrations. */
export function receiverIntegrations(receiver: Receiver): ReceiverIntegration[] {
  const out: ReceiverIntegration[] = [];
  for (const type of INTEGRATION_TYPES) {
    const configs = receiver[`${type}_configs`] as readonly { send_resolved: boolean }[] | undefined;
    configs?.forEach((config, index) => {
      out.push({ type, index, sendResolved: config.send_resolved });
    });
  }
  return out;
}
