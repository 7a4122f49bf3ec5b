import { ChannelsPage } from '../../../../features/alerts/channels-page';

export const metadata = { title: 'Alert channels · Kubetrail' };

export default function Page() {
  return <ChannelsPage />;
}
