import { getClusterPolicy } from '@kubetrail/core';
import { DEFAULT_AGENT_IMAGE } from '@kubetrail/install';
import { ClusterInputSchema } from '../schemas/console-inputs';
import { projectProcedure, router } from '../trpc';
import { projectCluster } from './project-cluster';
import { FALLBACK_POLICY } from './fallback-policy';

export const clusterInstallRouter = router({
  /**
   * Everything the install files are made of except the token, which only the
   * browser that received it holds: it renders the files itself.
   */
  target: projectProcedure('admin')
    .input(ClusterInputSchema)
    .query(async ({ ctx, input }) => {
      const cluster = await projectCluster(ctx, input.clusterId);
      const policy = await getClusterPolicy(ctx.deps, cluster.id);
      return {
        clusterId: cluster.id,
        clusterName: cluster.name,
        clusterType: cluster.type,
        serverUrl: ctx.ingestUrl,
        agentImage: DEFAULT_AGENT_IMAGE,
        policyYaml: policy?.source ?? FALLBACK_POLICY,
      };
    }),
});
