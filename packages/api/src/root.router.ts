import { alertChannelsRouter } from './routers/alert-channels.router';
import { alertsRouter } from './routers/alerts.router';
import { auditTrailRouter } from './routers/audit-trail.router';
import { billingRouter } from './routers/billing.router';
import { clusterInstallRouter } from './routers/cluster-install.router';
import { clusterMoveRouter } from './routers/cluster-move.router';
import { clusterRetentionRouter } from './routers/cluster-retention.router';
import { clusterTokensRouter } from './routers/cluster-tokens.router';
import { clustersRouter } from './routers/clusters.router';
import { membersRouter } from './routers/members.router';
import { messagesRouter } from './routers/messages.router';
import { projectsRouter } from './routers/projects.router';
import { reportsRouter } from './routers/reports.router';
import { savedQueriesRouter } from './routers/saved-queries.router';
import { searchRouter } from './routers/search.router';
import { sessionRouter } from './routers/session.router';
import { usageRouter } from './routers/usage.router';
import { router } from './trpc';

export const appRouter = router({
  session: sessionRouter,
  projects: projectsRouter,
  members: membersRouter,
  clusters: clustersRouter,
  clusterTokens: clusterTokensRouter,
  clusterInstall: clusterInstallRouter,
  clusterRetention: clusterRetentionRouter,
  clusterMove: clusterMoveRouter,
  usage: usageRouter,
  billing: billingRouter,
  auditTrail: auditTrailRouter,
  search: searchRouter,
  savedQueries: savedQueriesRouter,
  reports: reportsRouter,
  alerts: alertsRouter,
  alertChannels: alertChannelsRouter,
  messages: messagesRouter,
});

export type AppRouter = typeof appRouter;
