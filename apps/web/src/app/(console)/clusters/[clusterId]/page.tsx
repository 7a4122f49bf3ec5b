import { ClusterDetailPage } from '../../../../features/clusters/cluster-detail-page';

export const metadata = { title: 'Cluster · Kubetrail' };

export default async function Page({ params }: { params: Promise<{ clusterId: string }> }) {
  return <ClusterDetailPage clusterId={(await params).clusterId} />;
}
