import { OverviewReportPage } from '../../../../features/reports/overview-report-page';

export const metadata = { title: 'Overview report · Kubetrail' };

export default function Page() {
  return <OverviewReportPage />;
}
