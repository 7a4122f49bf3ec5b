import { ClustersPage } from '../../../features/clusters/clusters-page';

export const metadata = { title: 'Clusters · Kubetrail' };

export default function Page() {
  return <ClustersPage />;
}
