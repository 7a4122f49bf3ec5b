import { CONTAINER_DETECTIONS } from './containers';
import { CREDENTIAL_DETECTIONS } from './credentials';
import { DEFENSE_EVASION_DETECTIONS } from './defense-evasion';
import type { Detection } from './detection';
import { IDENTITY_DETECTIONS } from './identity';
import { NETWORK_ACCESS_DETECTIONS } from './network-access';
import { POD_SECURITY_DETECTIONS } from './pod-security';
import { RBAC_DETECTIONS } from './rbac';
import { WORKLOAD_DETECTIONS } from './workloads';

export { DETECTION_SEVERITIES, type AttackTechnique, type Detection, type DetectionSeverity } from './detection';
export { checkDetection, checkDetections, resultColumns } from './validate';
export { FIRST_SEEN, IS_ANONYMOUS, IS_HUMAN, IS_PLATFORM, IS_SERVICE_ACCOUNT, REQUESTS, SOURCE_IP } from './query-parts';
export { FAILED_AUTH_THRESHOLD, FORBIDDEN_THRESHOLD } from './identity';
export { MASS_DELETE_THRESHOLD } from './workloads';

/** The built-in detections, by area. */
export const DETECTIONS: readonly Detection[] = Object.freeze([
  ...CONTAINER_DETECTIONS,
  ...POD_SECURITY_DETECTIONS,
  ...WORKLOAD_DETECTIONS,
  ...RBAC_DETECTIONS,
  ...CREDENTIAL_DETECTIONS,
  ...NETWORK_ACCESS_DETECTIONS,
  ...IDENTITY_DETECTIONS,
  ...DEFENSE_EVASION_DETECTIONS,
]);

export function detectionById(id: string): Detection | undefined {
  return DETECTIONS.find((d) => d.id === id);
}
