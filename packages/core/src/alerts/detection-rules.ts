import { AppError, type AlertRuleSpecInput } from '@kubetrail/contracts';
import { DETECTIONS, type Detection } from '@kubetrail/detections';

/** The built-in detections, as the console and `kubetrail detections list` show them. */
export function listDetections(): readonly Detection[] {
  return DETECTIONS;
}

export function findDetection(id: string): Detection {
  const detection = DETECTIONS.find((d) => d.id === id);
  if (!detection) throw new AppError('NOT_FOUND', `no built-in detection "${id}" (kubetrail detections list shows them)`);
  return detection;
}

/**
 * A rule that runs a detection on its own schedule: each window of the
 * detection's length is checked once, and any row fires (the detection's
 * thresholds are in its query). Named after the detection, so making it
 * twice updates the same rule.
 */
export function detectionRuleSpec(id: string): AlertRuleSpecInput {
  const d = findDetection(id);
  return {
    name: d.title,
    description: d.explanation,
    query: d.query,
    everyMinutes: d.windowMinutes,
    condition: 'Event =~ ".*"',
    severity: d.severity,
    groupBy: [...(d.groupBy ?? [])],
    template: d.messageTemplate,
    labels: { 'attack.technique': d.technique.id },
    detection: d.id,
  };
}
