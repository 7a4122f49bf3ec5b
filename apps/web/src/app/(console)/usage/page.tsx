import { UsagePage } from '../../../features/usage/usage-page';

export const metadata = { title: 'Usage · Kubetrail' };

export default function Page() {
  return <UsagePage />;
}
