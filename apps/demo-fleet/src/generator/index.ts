export { createClusterSimulator, type ClusterSimulator, type ClusterSimulatorOptions } from './cluster-simulator';
export { generateEvents, type GenerateEventsOptions } from './generate-events';
export { formatMicroTime, parseMicroTime } from './micro-time';
export { PROFILE_NAMES, PROFILES, isProfileName, type ClusterProfile, type ProfileName } from './profiles';
export { humanShare, rateFactor } from './rhythm';
