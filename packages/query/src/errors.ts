import { AppError } from '@kubetrail/contracts';

export interface SourcePosition {
  /** 0-based offset into the whole query text */
  offset: number;
  /** 1-based */
  line: number;
  /** 1-based */
  column: number;
}

export function positionOf(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(offset, source.length);
  for (let i = 0; i < end; i++)
    if (source[i] === '\n') {
      line++;
      lineStart = i + 1;
    }
  return { offset, line, column: offset - lineStart + 1 };
}

/** A query the dialect cannot run; `position` is where in the text the problem is, when it has a place. */
export class QueryError extends AppError {
  readonly position: SourcePosition | undefined;

  constructor(message: string, source?: string, offset?: number) {
    const position = source !== undefined && offset !== undefined ? positionOf(source, offset) : undefined;
    const where = !position
      ? ''
      : position.line > 1
        ? ` at line ${position.line}, column ${position.column}`
        : ` at column ${position.column}`;
    super('BAD_REQUEST', `${message}${where}`, position ? { position } : undefined);
    this.name = 'QueryError';
    this.position = position;
  }
}
