import { clip } from '../topology/quote.js';

/**
 * A trace that cannot be read: bad JSON, an unknown event, a field the schema
 * or the topology rejects. It names where (line, or ITF state), the field,
 * what is wrong and how to fix it; `hotup conform` exits 2 on it.
 */
export class TraceInputError extends Error {
  readonly where: string;
  readonly field: string;
  readonly problem: string;
  readonly fix: string;

  constructor(where: string, field: string, problem: string, fix: string) {
    // Every part is cut short: parts quote input, and input may be megabytes.
    const [w, f, p, x] = [clip(where, 120), clip(field, 80), clip(problem, 300), clip(fix, 300)];
    super(`${w}, field '${f}': ${p}; ${x}`);
    this.name = 'TraceInputError';
    this.where = w;
    this.field = f;
    this.problem = p;
    this.fix = x;
  }
}
