import { MessagesPage } from '../../../../features/alerts/messages-page';

export const metadata = { title: 'Messages · Kubetrail' };

export default function Page() {
  return <MessagesPage />;
}
