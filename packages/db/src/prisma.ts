import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from './generated/prisma/client';

export type Db = InstanceType<typeof PrismaClient>;
export { Prisma } from './generated/prisma/client';
export type {
  Cluster,
  ClusterToken,
  Project,
  User,
  Membership,
  AgentHeartbeat,
  ClusterPolicy,
  StoredBatch,
  AlertRule,
  AlertChannel,
  AlertFiring,
  SavedQuery,
} from './generated/prisma/client';
export { ClusterType, Role } from './generated/prisma/enums';

export function createPrisma(connectionString: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString, max: 5 }) });
}
