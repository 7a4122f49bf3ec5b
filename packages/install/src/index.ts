export { installFiles } from './install-files';
export { DEFAULT_AGENT_IMAGE, TOKEN_PLACEHOLDER, type InstallFile, type InstallFileId, type InstallTarget } from './install-target';
