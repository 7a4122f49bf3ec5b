import type { Detection } from './detection';
import { all, FIRST_SEEN, IS_ANONYMOUS, IS_HUMAN, IS_SERVICE_ACCOUNT, REQUESTS, SOURCE_IP, SUCCEEDED } from './query-parts';

const VALID_ACCOUNTS = { id: 'T1078', name: 'Valid Accounts' };

// HTTP libraries and command-line clients, as their default user agents begin.
const SCRIPTED = 'curl|wget|python|go-http-client|okhttp|java/|node-fetch|axios|postmanruntime|insomnia|httpie|powershell|libwww-perl|ruby';
const agentLike = (clients: string) => `(userAgent IS NULL OR regexp_like(lower(userAgent), '^(${clients})'))`;

export const FAILED_AUTH_THRESHOLD = 20;
export const FORBIDDEN_THRESHOLD = 10;

export const IDENTITY_DETECTIONS: Detection[] = [
  {
    id: 'scripted-client-by-human',
    title: 'Personal credentials used from a script or HTTP tool',
    severity: 'medium',
    technique: VALID_ACCOUNTS,
    explanation:
      'A person’s credentials were sent by curl, a Python or Go HTTP library or another generic client, or with no user agent ' +
      'at all, instead of kubectl, a dashboard or an IDE. People rarely hand-craft API calls; a token lifted from a kubeconfig ' +
      'and replayed by a tool looks exactly like this. Check the source address and what was requested.',
    query:
      `user.username: * | SELECT "user.username" AS user, coalesce(userAgent, '(none)') AS user_agent, ${SOURCE_IP} AS source_ip, ` +
      `${REQUESTS} AS requests, ${FIRST_SEEN} AS first_seen FROM log WHERE ${all(IS_HUMAN, agentLike(SCRIPTED))} ` +
      'GROUP BY user, user_agent, source_ip',
    windowMinutes: 15,
    groupBy: ['user'],
    messageTemplate: '{{ user }} sent {{ requests }} request(s) with user agent {{ user_agent }} from {{ source_ip }}',
  },
  {
    id: 'service-account-token-in-cli',
    title: 'Service account token used by kubectl or a generic HTTP client',
    severity: 'medium',
    technique: { id: 'T1550.001', name: 'Use Alternate Authentication Material: Application Access Token' },
    explanation:
      'A service account’s token was sent by kubectl, curl, a generic HTTP library or with no user agent. Workloads talk to the ' +
      'API through their own client (its name in the user agent); a person who has read a token out of a pod or a Secret ' +
      'typically pastes it into kubectl or curl. CI jobs that run kubectl with a service account also match: check the account ' +
      'and the source address, and give such jobs an identity of their own to allow-list.',
    query:
      `user.username: * | SELECT "user.username" AS user, coalesce(userAgent, '(none)') AS user_agent, ${SOURCE_IP} AS source_ip, ` +
      `${REQUESTS} AS requests, ${FIRST_SEEN} AS first_seen FROM log WHERE ${all(IS_SERVICE_ACCOUNT, agentLike(`kubectl|${SCRIPTED}`))} ` +
      'GROUP BY user, user_agent, source_ip',
    windowMinutes: 15,
    groupBy: ['user'],
    messageTemplate: 'Service account {{ user }} was used by {{ user_agent }} from {{ source_ip }} ({{ requests }} requests)',
  },
  {
    id: 'impersonation',
    title: 'Request made while impersonating another identity',
    severity: 'high',
    technique: VALID_ACCOUNTS,
    explanation:
      'A request carried Impersonate-User (or Impersonate-Group) headers and was served as someone else (`kubectl --as`). ' +
      'Administrators use it to check a colleague’s permissions; anyone else holding the impersonate verb can become any user, ' +
      'including system:masters members, and the events that follow name the impersonated identity. Authenticating proxies ' +
      'impersonate all day; for anything else check who impersonated whom and what they did as them.',
    query:
      `impersonatedUser.username: * | SELECT "user.username" AS user, "impersonatedUser.username" AS impersonated, ${REQUESTS} AS requests, ` +
      `arbitrary(concat(verb, ' ', coalesce("objectRef.resource", requestURI))) AS example, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${SUCCEEDED} GROUP BY user, impersonated`,
    windowMinutes: 5,
    groupBy: ['user', 'impersonated'],
    messageTemplate: '{{ user }} acted as {{ impersonated }} in {{ requests }} request(s), e.g. {{ example }}, from {{ source_ip }}',
  },
  {
    id: 'failed-authentication-burst',
    title: `Failed authentications from one address (${FAILED_AUTH_THRESHOLD} or more)`,
    severity: 'medium',
    technique: { id: 'T1110', name: 'Brute Force' },
    explanation:
      `One source address had ${FAILED_AUTH_THRESHOLD} or more requests refused with 401 in the window: credentials guessed or ` +
      'sprayed, an Internet scanner trying tokens, or a client left running with an expired or revoked token. Look the address ' +
      'up (inside the network it is usually a stale kubeconfig or CI secret to renew; outside it, block it) and check whether ' +
      'the same address later succeeded.',
    query:
      `* | SELECT ${SOURCE_IP} AS source_ip, ${REQUESTS} AS failures, arbitrary(userAgent) AS user_agent, ` +
      `arbitrary("responseStatus.message") AS message, ${FIRST_SEEN} AS first_seen FROM log ` +
      `WHERE "responseStatus.code" = 401 GROUP BY source_ip HAVING ${REQUESTS} >= ${FAILED_AUTH_THRESHOLD}`,
    windowMinutes: 10,
    groupBy: ['source_ip'],
    messageTemplate: '{{ failures }} failed authentications from {{ source_ip }} ({{ user_agent }}): {{ message }}',
  },
  {
    id: 'forbidden-burst',
    title: `Requests denied by authorization for one user (${FORBIDDEN_THRESHOLD} or more)`,
    severity: 'medium',
    technique: { id: 'T1613', name: 'Container and Resource Discovery' },
    explanation:
      `An authenticated identity had ${FORBIDDEN_THRESHOLD} or more requests denied by the authorizer in the window. People ` +
      'hit a few 403s when a role is missing; a run of them across resources is what probing with a stolen token looks like ' +
      '(`kubectl auth can-i --list` done by hand). A service account with many denials may also just be a broken deployment. ' +
      'Check the resources tried and whether the same identity got through elsewhere. Anonymous denials (scanners) are left out.',
    query:
      `* | SELECT "user.username" AS user, ${REQUESTS} AS denied, approx_distinct("objectRef.resource") AS resources, ` +
      `arbitrary(concat(verb, ' ', coalesce("objectRef.resource", requestURI))) AS example, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
      `WHERE ${all(`"responseStatus.code" = 403`, `"annotations.authorization.k8s.io/decision" = 'forbid'`, `NOT ${IS_ANONYMOUS}`)} ` +
      `GROUP BY user HAVING ${REQUESTS} >= ${FORBIDDEN_THRESHOLD}`,
    windowMinutes: 10,
    groupBy: ['user'],
    messageTemplate:
      '{{ user }} was denied {{ denied }} requests on {{ resources }} resource type(s), e.g. {{ example }}, from {{ source_ip }}',
  },
];
