/**
 * kube-apiserver stamps events with metav1.MicroTime: RFC 3339 with exactly
 * six fractional digits. Times are carried as integer microseconds since the
 * epoch so sub-millisecond ordering survives arithmetic.
 */
export function toMicros(date: Date): number {
  return date.getTime() * 1000;
}

export function formatMicroTime(micros: number): string {
  const whole = Math.floor(micros);
  const ms = Math.floor(whole / 1000);
  const fraction = String(whole - ms * 1000).padStart(3, '0');
  // toISOString gives `…ss.mmmZ`; append the microsecond digits before the Z.
  return `${new Date(ms).toISOString().slice(0, -1)}${fraction}Z`;
}

export function parseMicroTime(value: string): number {
  const match = /\.(\d+)Z$/.exec(value);
  const digits = (match?.[1] ?? '').padEnd(6, '0');
  const seconds = Date.parse(value.replace(/\.\d+Z$/, 'Z'));
  return seconds * 1000 + Number(digits.slice(0, 6));
}
