import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * The event kinds the modules, the bonding driver and the tool log: every other
 * step happens unlogged. Only a held transmit logs xmit.begin/xmit.end; every
 * other transmit is one the log does not show.
 */
export const RECORDS = [
  'module.*', 'subdev.*', 'ops.switch', 'carrier.*', 'bond.*', 'notify.*', 'tool.*', 'netdev.*', 'xmit.*',
].join(',');

/** What `hotup conform --json` said about one log, reduced to what the scenarios check. */
export interface Verdict {
  readonly exit: number;
  readonly verdict: string;
  /** The first line that broke it, as conform names it. */
  readonly where: string | null;
  readonly reason: string | null;
  /** Broken designs whose diagnosis says they explain the log (violates or conforming). */
  readonly mutants: readonly string[];
  readonly excuses: readonly string[];
  readonly open: readonly string[];
  readonly importError: string | null;
}

interface ConformJson {
  verdict?: string;
  divergence?: { where: string; reason: string } | null;
  violation?: { where: string; id: string; message: string } | null;
  inconclusive?: { reason: string } | null;
  diagnosis?: { mutant: string; verdict: string }[] | null;
  excuses?: { id?: string; property?: string }[];
  open?: { id?: string; property?: string }[];
  error?: string;
}

/** `hotup import` then `hotup conform`, as a user runs them, on one kernel log. */
export function judge(root: string, logFile: string, traceFile: string, topology: string, names: string): Verdict {
  const cli = (args: string[]) => spawnSync(process.execPath, [join(root, 'bin', 'hotup.js'), ...args], { cwd: root, encoding: 'utf8' });
  const imp = cli(['import', logFile, '--format', 'dmesg', '--topology', topology, '--names', names, '--records', RECORDS, '--out', traceFile]);
  if (imp.status !== 0) return { exit: 2, verdict: 'unreadable', where: null, reason: null, mutants: [], excuses: [], open: [], importError: imp.stderr.trim() };
  const con = cli(['conform', traceFile, '--json']);
  let j: ConformJson = {};
  try { j = JSON.parse(con.stdout) as ConformJson; } catch { j = { error: con.stdout + con.stderr }; }
  const broke = j.violation ?? j.divergence ?? null;
  return {
    exit: con.status ?? -1,
    verdict: j.verdict ?? 'error',
    where: broke?.where ?? null,
    reason: j.violation ? `${j.violation.id}: ${j.violation.message}` : j.divergence?.reason ?? j.inconclusive?.reason ?? j.error ?? null,
    mutants: (j.diagnosis ?? []).filter((d) => d.verdict !== 'diverges').map((d) => d.mutant),
    excuses: (j.excuses ?? []).map((e) => e.property ?? e.id ?? JSON.stringify(e)),
    open: (j.open ?? []).map((o) => o.property ?? o.id ?? JSON.stringify(o)),
    importError: null,
  };
}
