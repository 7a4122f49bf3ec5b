import { AuditTrailPage } from '../../../features/audit-trail/audit-trail-page';

export const metadata = { title: 'Audit trail · Kubetrail' };

export default function Page() {
  return <AuditTrailPage />;
}
