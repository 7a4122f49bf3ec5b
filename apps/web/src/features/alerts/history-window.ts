/** A `datetime-local` value read as UTC, the zone the history shows; null when empty. */
export const utcInput = (value: string): Date | null => (value ? new Date(`${value}Z`) : null);
