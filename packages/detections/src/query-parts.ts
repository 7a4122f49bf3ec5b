// Conditions and expressions of the SLS dialect the detections share, so a
// word like "a person" means the same in every query. Each is a complete,
// parenthesized SQL-part expression over `log`.

const USERNAME = '"user.username"';
const inGroup = (group: string) => `coalesce(contains("user.groups", '${group}'), false)`;

/**
 * A person: the user kind "human" of packages/enrich (`classifyUser`). The
 * dialect exposes the username and groups but not the lifted user kind, so
 * the same rule is spelled out: a username that is not a `system:`
 * identity, in neither `system:unauthenticated` nor `system:nodes`.
 */
export const IS_HUMAN = `(${USERNAME} IS NOT NULL AND NOT starts_with(${USERNAME}, 'system:') AND NOT ${inGroup('system:unauthenticated')} AND NOT ${inGroup('system:nodes')})`;

/** A service account's token (the user kind "service-account"). */
export const IS_SERVICE_ACCOUNT = `coalesce(starts_with(${USERNAME}, 'system:serviceaccount:'), false)`;

/** No credentials, or credentials that failed (the user kind "anonymous"). */
export const IS_ANONYMOUS = `(${USERNAME} IS NULL OR ${USERNAME} = 'system:anonymous' OR ${inGroup('system:unauthenticated')})`;

/**
 * The cluster's own machinery: the control plane and kubelets (`system:`
 * users other than service accounts and anonymous) and the controllers that
 * run as service accounts of kube-system. Writes they make all day (pods
 * from templates, bootstrap roles) are not what the detections look for.
 */
export const IS_PLATFORM = `coalesce((starts_with(${USERNAME}, 'system:') AND ${USERNAME} <> 'system:anonymous' AND NOT starts_with(${USERNAME}, 'system:serviceaccount:')) OR starts_with(${USERNAME}, 'system:serviceaccount:kube-system:'), false)`;
export const NOT_PLATFORM = `(NOT ${IS_PLATFORM})`;

/**
 * The client's address: the first of sourceIPs (the apiserver puts the
 * X-Forwarded-For chain first and the connection's peer last).
 */
export const SOURCE_IP = 'json_format(json_array_get(sourceIPs, 0))';

/** The request was served (an upgrade to a stream, 101, included); RequestReceived stages have no code. */
export const SUCCEEDED = '("responseStatus.code" < 400)';

export const WRITE_VERBS = "verb IN ('create', 'update', 'patch')";
export const CHANGE_VERBS = "verb IN ('create', 'update', 'patch', 'delete', 'deletecollection')";

/** The request body as JSON text, where the policy logs it (level Request or above). */
export const REQUEST_TEXT = 'json_format(requestObject)';

/**
 * A field of the object as sent or as stored, as JSON text: creates carry it
 * in the request, patches often only in the response.
 */
export const objectText = (field: string) => `concat(json_format("requestObject.${field}"), json_format("responseObject.${field}"))`;

/**
 * Requests count once however many stages the policy logs of them
 * (long-running requests have ResponseStarted and ResponseComplete).
 */
export const REQUESTS = 'count(DISTINCT auditID)';

export const FIRST_SEEN = "date_format(min(stageTimestamp), '%Y-%m-%d %T')";

/** Joins conditions with AND. */
export const all = (...conditions: string[]) => conditions.join(' AND ');
