import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_ANONYMOUS, IS_SERVICE_ACCOUNT, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const EXTERNAL = { id: 'T1133', name: 'External Remote Services' };
const TOKEN = { id: 'T1550.001', name: 'Use Alternate Authentication Material: Application Access Token' };

// What system:public-info-viewer and service-account-issuer-discovery let anyone read.
const PUBLIC_PATHS = `'^/(healthz|livez|readyz|version|[.]well-known/openid-configuration|openid/v1/jwks)([/?]|$)'`;

const INTERNET = `ip_to_domain(${SOURCE_IP}) = 'internet'`;

export const NETWORK_ACCESS_DETECTIONS: Detection[] = [
  {
    id: 'anonymous-access-allowed',
    title: 'Anonymous request allowed',
    severity: 'high',
    technique: { id: 'T1078.001', name: 'Valid Accounts: Default Accounts' },
    explanation:
      'A request without credentials (system:anonymous) was authorized or answered with success, for something other than the ' +
      'health, version and service-account-issuer endpoints every cluster leaves open. It means a binding grants a role to ' +
      'system:anonymous or system:unauthenticated, or an authorizer lets the request through: the API is open to anyone who can ' +
      'reach it. Find the binding named in the authorization reason and remove it.',
    query:
      `* | SELECT ${SOURCE_IP} AS source_ip, ${REQUESTS} AS requests, arbitrary(requestURI) AS request, ` +
      `arbitrary("annotations.authorization.k8s.io/reason") AS reason, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(
        IS_ANONYMOUS,
        `("responseStatus.code" BETWEEN 200 AND 299 OR "annotations.authorization.k8s.io/decision" = 'allow')`,
        `NOT regexp_like(requestURI, ${PUBLIC_PATHS})`,
      )} GROUP BY source_ip`,
    windowMinutes: 5,
    groupBy: ['source_ip'],
    messageTemplate: '{{ requests }} anonymous request(s) from {{ source_ip }} were allowed, e.g. {{ request }} ({{ reason }})',
  },
  {
    id: 'access-from-public-ip',
    title: 'API used with credentials from an Internet address',
    severity: 'medium',
    technique: EXTERNAL,
    explanation:
      'A person (or a node or control-plane identity) authenticated from an address on the public Internet rather than the ' +
      'office, VPN or cluster network. Working from home without the VPN explains some of these; a stolen kubeconfig used from ' +
      'elsewhere explains the rest. Check the country and provider against where the person usually is, and whether the API ' +
      'endpoint should be reachable from the Internet at all. Service accounts have their own detection.',
    query:
      `user.username: * | SELECT "user.username" AS user, ${SOURCE_IP} AS source_ip, ip_to_country(${SOURCE_IP}) AS country, ` +
      `ip_to_provider(${SOURCE_IP}) AS provider, ${REQUESTS} AS requests, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(`NOT ${IS_ANONYMOUS}`, `NOT ${IS_SERVICE_ACCOUNT}`, INTERNET)} GROUP BY user, source_ip, country, provider`,
    windowMinutes: 15,
    groupBy: ['user', 'source_ip'],
    messageTemplate: '{{ user }} sent {{ requests }} request(s) from {{ source_ip }} ({{ country }}, {{ provider }})',
  },
  {
    id: 'access-from-risky-ip',
    title: 'Request served to a listed risky address',
    severity: 'high',
    technique: EXTERNAL,
    explanation:
      'The API server answered a request from an address on a risky list: the bundled bogon ranges (addresses no real client ' +
      'has, so a spoofed or misrouted source) or a threat feed loaded with `kubetrail ipdb risky load`. Failed attempts are ' +
      'left to the authentication detections; this one fires when the request got an answer. Check what was read or changed ' +
      'and, for a feed hit, treat the identity used as compromised.',
    query:
      `* | SELECT ${SOURCE_IP} AS source_ip, coalesce("user.username", 'anonymous') AS user, ${REQUESTS} AS requests, ` +
      `arbitrary(requestURI) AS request, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE ${all(`security_check_ip(${SOURCE_IP}) = 1`, SUCCEEDED)} GROUP BY source_ip, user`,
    windowMinutes: 15,
    groupBy: ['source_ip'],
    messageTemplate: '{{ requests }} request(s) from risky address {{ source_ip }} as {{ user }} were served, e.g. {{ request }}',
  },
  {
    id: 'service-account-from-public-ip',
    title: 'Service account token used from an Internet address',
    severity: 'high',
    technique: TOKEN,
    explanation:
      'A service account authenticated from a public address. Tokens of in-cluster workloads are used from pod and node ' +
      'addresses; one arriving from the Internet was copied out of the cluster, or belongs to an external system such as a CI ' +
      'runner that should use its own identity and a known address range. Check which account and address, and rotate the ' +
      'token (delete its Secret, or restart the pod for bound tokens) if it is not a known integration.',
    query:
      `user.username: * | SELECT "user.username" AS user, ${SOURCE_IP} AS source_ip, ip_to_country(${SOURCE_IP}) AS country, ` +
      `${REQUESTS} AS requests, arbitrary(userAgent) AS user_agent FROM log ` +
      `WHERE ${all(IS_SERVICE_ACCOUNT, INTERNET)} GROUP BY user, source_ip, country`,
    windowMinutes: 15,
    groupBy: ['user', 'source_ip'],
    messageTemplate: 'Service account {{ user }} sent {{ requests }} request(s) from {{ source_ip }} ({{ country }}) with {{ user_agent }}',
  },
];
