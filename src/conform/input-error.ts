/**
 * A trace that cannot be read: bad JSON, an unknown event, a field the schema
 * or the topology rejects. It names where (line, or ITF state), the field,
 * what is wrong and how to fix it; `hotup conform` exits 2 on it.
 */
export class TraceInputError extends Error {
  constructor(
    readonly where: string,
    readonly field: string,
    readonly problem: string,
    readonly fix: string,
  ) {
    super(`${where}, field '${field}': ${problem}; ${fix}`);
    this.name = 'TraceInputError';
  }
}
