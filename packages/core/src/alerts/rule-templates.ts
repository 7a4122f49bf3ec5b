import type { AlertRuleSpecInput } from '@kubetrail/contracts';

export interface RuleTemplate {
  id: string;
  title: string;
  description: string;
  rule: AlertRuleSpecInput;
}

// The managed services' two example rules, with their queries and trigger
// conditions exactly as their users have them, so a rule imported from there
// runs unchanged.
const EXEC_QUERY = `verb : create and objectRef.subresource:exec and stage: ResponseStarted | SELECT auditID as "Event ID", date_format(from_unixtime(__time__), '%Y-%m-%d %T' ) as "Time", regexp_extract("requestURI", '([^\\?]*)/exec\\?.*', 1)as "Resource", regexp_extract("requestURI", '\\?(.*)', 1)as "Command" ,"responseStatus.code" as "Status code",
CASE
WHEN "user.username" != 'kubernetes-admin' then "user.username"
WHEN "user.username" = 'kubernetes-admin' and regexp_like("annotations.authorization.k8s.io/reason", 'RoleBinding') then regexp_extract("annotations.authorization.k8s.io/reason", ' to User "(\\w+)"', 1)
ELSE 'kubernetes-admin' END
as "User account",
CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE sourceIPs END
as "Source IP address" order by "Time" desc limit 10000`;

const INTERNET_QUERY = `* | select ip as "Source IP address", total as "Number of times of Internet access", round(rate * 100, 2) as "Failure rate in percentage", failCount as "Number of times of illegal access", CASE when security_check_ip(ip) = 1 then 'yes' else 'no' end as "Whether the IP address is risky", ip_to_country(ip) as "Country", ip_to_province(ip) as "Province", ip_to_city(ip) as "City", ip_to_provider(ip) as "ISP" from (select CASE WHEN json_array_length(sourceIPs) = 1 then json_format(json_array_get(sourceIPs, 0)) ELSE sourceIPs END
as ip, count(1) as total,
sum(CASE WHEN "responseStatus.code" < 400 then 0
ELSE 1 END) * 1.0 / count(1) as rate,
count_if("responseStatus.code" = 403) as failCount
from log group by ip limit 10000) where ip_to_domain(ip) != 'intranet' and ip not LIKE '%,%' and not try(is_subnet_of('7.0.0.0/8', ip)) ORDER by "Number of times of Internet access" desc limit 10000`;

export const RULE_TEMPLATES: readonly RuleTemplate[] = [
  {
    id: 'container-exec',
    title: 'Commands run in containers',
    description: 'Notifies on every kubectl exec: who ran which command in which pod, from where.',
    rule: {
      name: 'Commands run in containers',
      query: EXEC_QUERY,
      condition: 'Event =~ ".*"',
      everyMinutes: 1,
      severity: 'high',
      groupBy: ['Event ID'],
      template:
        '{{ User account }} ran "{{ Command }}" in {{ Resource }} from {{ Source IP address }} at {{ Time }} (event {{ Event ID }})',
    },
  },
  {
    id: 'internet-access-failing',
    title: 'API server reached from the Internet, mostly failing',
    description: 'Public addresses sending at least 10 requests in the window, more than half of them refused.',
    rule: {
      name: 'Failing Internet access to the API server',
      query: INTERNET_QUERY,
      condition: '"Number of times of Internet access" >= 10 && "Failure rate in percentage" > 50',
      everyMinutes: 15,
      severity: 'high',
      groupBy: ['Source IP address'],
      throttleMinutes: 60,
      template:
        '{{ Source IP address }} ({{ Country }}, {{ City }}, {{ ISP }}) sent {{ Number of times of Internet access }} requests, {{ Failure rate in percentage }}% refused; risky: {{ Whether the IP address is risky }}',
    },
  },
];
