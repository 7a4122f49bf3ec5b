import type { Detection } from './detection';
import { all, NOT_PLATFORM, objectText, REQUESTS, SOURCE_IP, SUCCEEDED, WRITE_VERBS } from './query-parts';

const CLUSTER_ROLES = { id: 'T1098.006', name: 'Account Manipulation: Additional Container Cluster Roles' };

const ROLE_REF = `coalesce(json_format("requestObject.roleRef.name"), json_format("responseObject.roleRef.name"))`;
const NAME = `coalesce("objectRef.name", json_format("requestObject.metadata.name"))`;
const BINDINGS = `"objectRef.resource" IN ('clusterrolebindings', 'rolebindings')`;
const ROLES = `"objectRef.resource" IN ('clusterroles', 'roles')`;

/** RBAC objects written, successfully and not by the platform, whose body matches. */
const rbacWrite = (resources: string, match: string, extra = '') =>
  `objectRef.apiGroup: "rbac.authorization.k8s.io" | SELECT "user.username" AS user, verb, "objectRef.resource" AS kind, ` +
  `"objectRef.namespace" AS namespace, ${NAME} AS name, ${extra}${REQUESTS} AS requests, arbitrary(${SOURCE_IP}) AS source_ip FROM log ` +
  `WHERE ${all(resources, WRITE_VERBS, SUCCEEDED, NOT_PLATFORM, match)} GROUP BY user, verb, kind, namespace, name`;

const SUBJECTS = `arbitrary(${objectText('subjects')}) AS subjects, `;

const BODY_NOTE =
  'Role and binding bodies are read from the request (and the response, for patches), which the policy logs at level ' +
  'Request or above for rbac.authorization.k8s.io, as the ACK preset does.';

export const RBAC_DETECTIONS: Detection[] = [
  {
    id: 'cluster-admin-binding',
    title: 'cluster-admin granted through a binding',
    severity: 'critical',
    technique: CLUSTER_ROLES,
    explanation:
      'A ClusterRoleBinding or RoleBinding whose roleRef is the cluster-admin ClusterRole was created or changed. Bound ' +
      'cluster-wide it gives unrestricted control of the cluster; in a namespace, all of that namespace including its secrets. ' +
      'Intruders add themselves, or a service account they hold, this way to keep access. Check the subjects, whether a change ' +
      `request stands behind it, and remove it if not. ${BODY_NOTE}`,
    query: rbacWrite(BINDINGS, `${ROLE_REF} = 'cluster-admin'`, SUBJECTS),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ name }} granting cluster-admin to {{ subjects }}',
  },
  {
    id: 'clusterrolebinding-to-group',
    title: 'ClusterRoleBinding granting a role to a group',
    severity: 'high',
    technique: CLUSTER_ROLES,
    explanation:
      'A ClusterRoleBinding with a Group subject was created or changed. Group bindings reach everyone the identity provider ' +
      'puts in that group, now and later, across every namespace, so a broad group (or a group name an attacker controls at ' +
      `the identity provider) silently widens access. Check the role bound and how many people the group holds. ${BODY_NOTE}`,
    query: rbacWrite(
      `"objectRef.resource" = 'clusterrolebindings'`,
      `regexp_like(${objectText('subjects')}, '"kind": ?"Group"')`,
      `arbitrary(${ROLE_REF}) AS role, ${SUBJECTS}`,
    ),
    windowMinutes: 5,
    groupBy: ['user', 'name'],
    messageTemplate: '{{ user }} bound ClusterRole {{ role }} to {{ subjects }} through {{ name }}',
  },
  {
    id: 'binding-to-all-users',
    title: 'Role bound to all users, all service accounts or anonymous',
    severity: 'critical',
    technique: CLUSTER_ROLES,
    explanation:
      'A binding names system:anonymous, system:unauthenticated, system:authenticated or system:serviceaccounts as a subject. ' +
      'That gives the role to anyone who can reach the API server (or to every token in the cluster), a common misstep when ' +
      `debugging a permission and a classic backdoor. Undo it unless it is one of Kubernetes’ own discovery bindings. ${BODY_NOTE}`,
    query: rbacWrite(
      BINDINGS,
      `regexp_like(${objectText('subjects')}, '"name": ?"system:(anonymous|unauthenticated|authenticated|serviceaccounts)"')`,
      SUBJECTS,
    ),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} naming {{ subjects }}',
  },
  {
    id: 'wildcard-role-written',
    title: 'Role or ClusterRole with wildcard rules',
    severity: 'medium',
    technique: CLUSTER_ROLES,
    explanation:
      'A Role or ClusterRole was written with `*` in its verbs, resources or API groups. Wildcards grant whatever exists now and ' +
      'whatever is added later (new CRDs, subresources such as pods/exec), so the role ends up wider than anyone reviewed. ' +
      `Operators installed by Helm often ship such roles; for anything else ask for explicit lists. ${BODY_NOTE}`,
    query: rbacWrite(ROLES, `contains(${objectText('rules')}, '"*"')`),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} with wildcard rules',
  },
  {
    id: 'escalate-bind-impersonate-granted',
    title: 'Role granting escalate, bind or impersonate',
    severity: 'high',
    technique: CLUSTER_ROLES,
    explanation:
      'A Role or ClusterRole was written with the escalate, bind or impersonate verb. These are the verbs RBAC uses to stop ' +
      'privilege escalation: escalate lets a holder write roles stronger than their own, bind lets them bind roles they do not ' +
      `hold, impersonate lets them act as any user or group. Only cluster administrators should hold them. ${BODY_NOTE}`,
    query: rbacWrite(ROLES, `regexp_like(${objectText('rules')}, '"(escalate|bind|impersonate)"')`),
    windowMinutes: 5,
    groupBy: ['name'],
    messageTemplate: '{{ user }} sent a {{ verb }} of {{ kind }} {{ namespace }}/{{ name }} granting escalate, bind or impersonate',
  },
];
