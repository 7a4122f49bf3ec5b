import { BillingPage } from '../../../features/billing/billing-page';

export const metadata = { title: 'Billing · Kubetrail' };

export default function Page() {
  return <BillingPage />;
}
