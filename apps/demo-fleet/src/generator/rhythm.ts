/**
 * The day/night rhythm of a cluster, by UTC hour. Machines talk to the
 * apiserver around the clock; people mostly during the working day, so both
 * the request rate and the share of human requests rise and fall with it.
 */
const PEAK_HOUR_UTC = 14;

/** 1 at the peak hour, 0 twelve hours later, smooth in between. */
function daylight(date: Date): number {
  const hour = date.getUTCHours() + date.getUTCMinutes() / 60;
  return (1 + Math.cos((2 * Math.PI * (hour - PEAK_HOUR_UTC)) / 24)) / 2;
}

/** Relative request rate; averages 1 over a day so `--rate` stays the daily mean. */
export function rateFactor(date: Date): number {
  return (0.5 + 0.6 * daylight(date)) / 0.8;
}

/** Fraction of requests made by people rather than machines. */
export function humanShare(date: Date): number {
  return 0.012 + 0.14 * daylight(date) ** 1.5;
}
