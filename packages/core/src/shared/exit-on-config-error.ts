/** Loads a service's configuration, or stops it with one readable line (no stack trace for a typo in a variable). */
export function configOrExit<T>(load: () => T): T {
  try {
    return load();
  } catch (error) {
    console.error(JSON.stringify({ level: 'fatal', msg: (error as Error).message }));
    process.exit(1);
  }
}
