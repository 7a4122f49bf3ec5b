import { ACK_POLICY } from './ack';
import { TKE_POLICY } from './tke';

/** Policy sources users can start from; new clusters default to `ack`. */
export const PRESETS: { ack: string; tke: string } = Object.freeze({ ack: ACK_POLICY, tke: TKE_POLICY });

export type PresetName = keyof typeof PRESETS;
