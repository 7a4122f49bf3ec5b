import { fleetOverview, type FleetRow } from '@kubetrail/core';
import { getPool } from '../server/pool';

export const dynamic = 'force-dynamic';

const STATUS_LABEL: Record<FleetRow['status'], string> = {
  healthy: 'Healthy',
  lagging: 'Lagging',
  silent: 'Silent',
  waiting: 'Waiting for first heartbeat',
  disabled: 'Auditing disabled',
};

const fmtTime = (d: Date | null) => (d ? d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—');

export default async function FleetPage() {
  const rows = await fleetOverview(getPool());
  return (
    <section aria-labelledby="fleet-title">
      <h1 id="fleet-title">Clusters</h1>
      {rows.length === 0 ? (
        <p className="empty">
          No clusters yet. Create one with <code>npx kubetrail cluster create --project P --name N</code>.
        </p>
      ) : (
        <table>
          <thead>
            <tr>
              <th scope="col">Project</th>
              <th scope="col">Cluster</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
              <th scope="col">Events (24 h)</th>
              <th scope="col">Last event</th>
              <th scope="col">Agent</th>
              <th scope="col">Kubernetes</th>
              <th scope="col">Retention</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.clusterId} data-cluster={r.clusterName}>
                <td>{r.projectName}</td>
                <td>
                  {r.clusterName} <span className="muted">{r.clusterId}</span>
                </td>
                <td>{r.type}</td>
                <td>
                  <span className={`status status-${r.status}`}>{STATUS_LABEL[r.status]}</span>
                </td>
                <td className="num" data-testid="events-24h">
                  {r.eventsLast24h.toLocaleString('en-US')}
                </td>
                <td>{fmtTime(r.lastEventAt)}</td>
                <td>{r.agentVersion ?? '—'}</td>
                <td>{r.kubernetesVersion ?? '—'}</td>
                <td>{r.retentionDays} days</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
