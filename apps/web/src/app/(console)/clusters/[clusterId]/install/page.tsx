import { InstallAgentPage } from '../../../../../features/clusters/install-agent-page';

export const metadata = { title: 'Install agent · Kubetrail' };

export default async function Page({ params }: { params: Promise<{ clusterId: string }> }) {
  return <InstallAgentPage clusterId={(await params).clusterId} />;
}
