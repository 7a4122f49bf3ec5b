import type { RouterOutputs } from '../../lib/api-types';

export type ReportPanelResult = RouterOutputs['reports']['overview'][number];
