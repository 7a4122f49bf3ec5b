import type { AppRouter } from '@kubetrail/api';
import type { inferRouterOutputs } from '@trpc/server';

export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type FleetRow = RouterOutputs['clusters']['list'][number];
export type ClusterDetail = RouterOutputs['clusters']['detail'];
