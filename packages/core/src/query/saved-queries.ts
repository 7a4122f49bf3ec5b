import { AppError, SavedQueryInputSchema, type SavedQueryInput, type SavedQuerySpec } from '@kubetrail/contracts';
import type { SavedQuery } from '@kubetrail/db';
import { parseQuery, QueryError } from '@kubetrail/query';
import type { CoreDeps } from '../shared/deps';
import { newId } from '../shared/ids';
import { isUniqueViolation } from '../shared/prisma-errors';
import { resolveProject } from '../projects/projects';

export interface SavedQueryView {
  id: string;
  name: string;
  query: string;
  description: string;
  /** the user who first saved it; null when saved otherwise or that account is gone */
  createdBy: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface SaveQueryResult {
  savedQuery: SavedQueryView;
  created: boolean;
  /** the stored query differed (false: nothing was written) */
  changed: boolean;
}

export async function listSavedQueries(deps: CoreDeps, project: string): Promise<SavedQueryView[]> {
  const { id: projectId } = await resolveProject(deps, project);
  const rows = await deps.db.savedQuery.findMany({ where: { projectId }, orderBy: { name: 'asc' } });
  return rows.map(savedQueryView);
}

/**
 * Saves the query under its name, or replaces the query and description of
 * the project's saved query of that name, so saving the same thing twice
 * writes nothing. A query that would not run is refused when it is saved,
 * not when someone picks it.
 */
export async function saveQuery(deps: CoreDeps, project: string, userId: string | null, input: SavedQueryInput): Promise<SaveQueryResult> {
  const spec = parseSavedQuery(input);
  const { id: projectId } = await resolveProject(deps, project);
  const existing = await deps.db.savedQuery.findUnique({ where: { projectId_name: { projectId, name: spec.name } } });
  if (existing) {
    if (existing.query === spec.query && existing.description === spec.description)
      return { savedQuery: savedQueryView(existing), created: false, changed: false };
    const row = await deps.db.savedQuery.update({
      where: { id: existing.id },
      data: { query: spec.query, description: spec.description },
    });
    return { savedQuery: savedQueryView(row), created: false, changed: true };
  }
  try {
    const row = await deps.db.savedQuery.create({ data: { id: newId('sq'), projectId, createdBy: userId, ...spec } });
    return { savedQuery: savedQueryView(row), created: true, changed: true };
  } catch (error) {
    // Someone saved the same name in between: theirs is now the one to update.
    if (isUniqueViolation(error)) return saveQuery(deps, projectId, userId, spec);
    throw error;
  }
}

/** Deletes a saved query of the project by id or name; another project's is NOT_FOUND, like an unknown one. */
export async function deleteSavedQuery(deps: CoreDeps, project: string, idOrName: string): Promise<SavedQueryView> {
  const { id: projectId } = await resolveProject(deps, project);
  const found =
    (await deps.db.savedQuery.findFirst({ where: { projectId, id: idOrName } })) ??
    (await deps.db.savedQuery.findUnique({ where: { projectId_name: { projectId, name: idOrName } } }));
  if (!found) throw new AppError('NOT_FOUND', `no saved query "${idOrName}" in this project`);
  await deps.db.savedQuery.delete({ where: { id: found.id } });
  return savedQueryView(found);
}

// The input is checked again here: it may come from any caller, typed or not.
function parseSavedQuery(input: unknown): SavedQuerySpec {
  const parsed = SavedQueryInputSchema.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const field = issue.path.join('.') || 'savedQuery';
    throw new AppError('BAD_REQUEST', `${field}: ${issue.message}`, { field });
  }
  try {
    parseQuery(parsed.data.query);
  } catch (error) {
    if (error instanceof QueryError)
      throw new AppError('BAD_REQUEST', `query: ${error.message}`, { field: 'query', position: error.position });
    throw error;
  }
  return parsed.data;
}

const savedQueryView = (row: SavedQuery): SavedQueryView => ({
  id: row.id,
  name: row.name,
  query: row.query,
  description: row.description,
  createdBy: row.createdBy,
  createdAt: row.createdAt,
  updatedAt: row.updatedAt,
});
