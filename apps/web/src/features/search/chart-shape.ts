/** Column indexes of a result that reads as a bar chart: one text column of labels, one numeric column of values. */
export interface ChartShape {
  label: number;
  value: number;
}

const isText = (v: unknown) => v === null || typeof v === 'string';
const isNumber = (v: unknown) => typeof v === 'number';

export function chartShapeOf(columns: string[], rows: unknown[][]): ChartShape | null {
  if (columns.length !== 2 || rows.length === 0) return null;
  const every = (i: number, test: (v: unknown) => boolean) => rows.every((row) => test(row[i]));
  if (every(0, isText) && every(1, isNumber)) return { label: 0, value: 1 };
  if (every(1, isText) && every(0, isNumber)) return { label: 1, value: 0 };
  return null;
}
