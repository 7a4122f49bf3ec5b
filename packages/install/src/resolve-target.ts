import { AppError } from '@kubetrail/contracts/core';
import { TOKEN_PLACEHOLDER, type InstallTarget } from './install-target';

/** An `InstallTarget` checked and made ready to write into files. */
export interface ResolvedTarget {
  clusterId: string;
  /** safe to embed in any YAML parser's scalars; not for comments (see `commentText`) */
  clusterName: string;
  clusterType: InstallTarget['clusterType'];
  /** without trailing slashes */
  serverUrl: string;
  /** the token, or `TOKEN_PLACEHOLDER` */
  token: string;
  tokenKnown: boolean;
  agentImage: string;
  policyYaml: string;
}

// DNS-1123 label: the id becomes a label value and a host directory name.
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
// Printable ASCII without spaces: what an HTTP `Authorization` header and a compose file carry as is.
const TOKEN = /^[\x21-\x7e]+$/;
const IMAGE = /^[\x21-\x7e]+$/;
// Characters the `yaml` package writes raw that other parsers read as line breaks (NEL, LS, PS) or refuse
// (C1 controls, DEL, BOM, non-characters, lone surrogates); kubectl's parser is one of them.
const NOT_PORTABLE_IN_YAML = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]|\p{Cs}/gu;

export function resolveTarget(target: InstallTarget): ResolvedTarget {
  if (!DNS_LABEL.test(target.clusterId)) {
    throw new AppError('BAD_REQUEST', `cluster id must be a DNS-1123 label, got ${JSON.stringify(target.clusterId)}`);
  }
  const serverUrl = target.serverUrl.replace(/\/+$/, '');
  if (!/^https?:\/\/[^/]/.test(serverUrl) || /[\s\p{Cc}]/u.test(serverUrl) || !parsesAsUrl(serverUrl)) {
    throw new AppError('BAD_REQUEST', `server URL must be an http(s) URL, got ${JSON.stringify(target.serverUrl)}`);
  }
  if (!IMAGE.test(target.agentImage)) {
    throw new AppError('BAD_REQUEST', `agent image must be an image reference, got ${JSON.stringify(target.agentImage)}`);
  }
  const tokenKnown = target.token !== null && target.token !== '';
  if (tokenKnown && !TOKEN.test(target.token!)) {
    throw new AppError('BAD_REQUEST', 'token must be printable ASCII without spaces');
  }
  return {
    clusterId: target.clusterId,
    clusterName: target.clusterName.replace(NOT_PORTABLE_IN_YAML, ' '),
    clusterType: target.clusterType,
    serverUrl,
    token: tokenKnown ? target.token! : TOKEN_PLACEHOLDER,
    tokenKnown,
    agentImage: target.agentImage,
    policyYaml: target.policyYaml,
  };
}

// Not `URL.canParse`: the console renders these files in browsers that may predate it.
function parsesAsUrl(text: string): boolean {
  try {
    new URL(text);
    return true;
  } catch {
    return false;
  }
}

/** The URL kube-apiserver's webhook backend posts to (the ingest takes the cluster token as a Bearer token). */
export const webhookUrl = (target: ResolvedTarget): string => `${target.serverUrl}/v1/webhook`;
