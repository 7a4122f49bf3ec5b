import { HistoryPage } from '../../../../features/alerts/history-page';

export const metadata = { title: 'Alert history · Kubetrail' };

export default function Page() {
  return <HistoryPage />;
}
