export { QueryError, positionOf, type SourcePosition } from './errors';
export {
  buildAnalyticsQuery,
  buildCountQuery,
  buildEventsQuery,
  buildFacetQuery,
  buildHistogramQuery,
  buildMatchesPerHourQuery,
  isAnalytics,
  MAX_QUERY_LENGTH,
  parseQuery,
  resultColumns,
  type ParsedQuery,
  type QueryScope,
  type SqlText,
} from './query';
export { FUNCTION_NAMES } from './sql/functions';
