import type { SourceFile } from './sources.js';

/**
 * The folder unit of a repository-relative path: its top-level folder
 * (`machines`, `properties`, `bench`...), or under `src/` its first-level
 * folder (`src/check`); a file directly in `src/` is a unit of its own
 * (`src/mutants.ts` -> `src/mutants`).
 */
export function unitOf(path: string): string {
  const parts = path.split('/');
  if (parts[0] !== 'src' || parts.length < 2) return parts[0]!;
  return parts.length === 2 ? `src/${parts[1]!.replace(/\.ts$/, '')}` : `src/${parts[1]!}`;
}

/** One file importing another. */
export interface FileImport {
  readonly from: string;
  readonly to: string;
}

/** The imports from the files of one unit into the files of another. */
export interface FolderEdge {
  readonly from: string;
  readonly to: string;
  /** The file-to-file imports behind the edge, sorted; its weight is their number. */
  readonly imports: readonly FileImport[];
}

/** A unit: where it lives and its size. */
export interface UnitSize {
  /** The folder (`src/check/`) or, for a single file, the file (`src/mutants.ts`). */
  readonly path: string;
  readonly files: number;
  readonly lines: number;
}

/** The folder-level import graph: units, and an edge wherever one unit imports another. */
export interface FolderGraph {
  /** Every unit that has source files, sorted by name. */
  readonly units: ReadonlyMap<string, UnitSize>;
  /** Edges between distinct units, sorted by `from` then `to`. */
  readonly edges: readonly FolderEdge[];
}

/** The folder graph of `files`; imports within one unit are not edges. */
export function folderGraph(files: readonly SourceFile[]): FolderGraph {
  const sizes = new Map<string, UnitSize>();
  const byEdge = new Map<string, FileImport[]>();
  for (const f of files) {
    const unit = unitOf(f.path);
    const size = sizes.get(unit) ?? { path: f.path.startsWith(`${unit}/`) ? `${unit}/` : f.path, files: 0, lines: 0 };
    sizes.set(unit, { ...size, files: size.files + 1, lines: size.lines + f.lines });
    for (const to of f.imports) {
      if (unitOf(to) === unit) continue;
      const key = `${unit}\n${unitOf(to)}`;
      byEdge.set(key, [...(byEdge.get(key) ?? []), { from: f.path, to }]);
    }
  }
  const edges = [...byEdge].map(([key, imports]) => {
    const [from, to] = key.split('\n') as [string, string];
    return { from, to, imports: imports.sort(byFiles) };
  });
  const units = new Map([...sizes].sort(([a], [b]) => compare(a, b)));
  return { units, edges: edges.sort((a, b) => compare(a.from, b.from) || compare(a.to, b.to)) };
}

/** Code-point order, the same on every machine and locale. */
export const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

const byFiles = (a: FileImport, b: FileImport): number => compare(a.from, b.from) || compare(a.to, b.to);
