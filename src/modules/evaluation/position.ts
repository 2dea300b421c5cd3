/** A place in a CEL source: 1-based line and column, and the 0-based offset; all in UTF-16 code units. */
export interface SourcePosition {
  line: number;
  column: number;
  offset: number;
}

/** Line and column of an offset, counted the way the CEL parser counts them in its syntax errors. */
export function positionAt(source: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let nl = source.indexOf('\n'); nl !== -1 && nl < offset; nl = source.indexOf('\n', nl + 1)) {
    line += 1;
    lineStart = nl + 1;
  }
  return { line, column: offset - lineStart + 1, offset };
}
