import pkg from '../package.json';

/** Reported in heartbeats; bundled into the single-file build, so it needs no package.json at run time. */
export const AGENT_VERSION: string = pkg.version;
