import { MembersPage } from '../../../features/members/members-page';

export const metadata = { title: 'Members · Kubetrail' };

export default function Page() {
  return <MembersPage />;
}
