import { check } from '../../check/check.js';
import { conform } from '../../conform/conform.js';
import { explore } from '../../explore/explore.js';
import type { WorkerReply, WorkerRequest } from './worker-protocol.js';

/** The worker's side of postMessage (the DOM's types describe a window's). */
const port = self as unknown as { postMessage(m: WorkerReply): void; onmessage: ((e: MessageEvent<WorkerRequest>) => void) | null };
const reply = (m: WorkerReply): void => port.postMessage(m);

/** Runs one request; long searches report progress now and then (they cannot be interrupted: the page ends the worker). */
async function handle(r: WorkerRequest): Promise<void> {
  if (r.type === 'explore') {
    const result = explore({
      topology: r.topology, mutant: r.mutant, faults: r.faults, runs: r.runs, steps: r.steps, seed: r.seed,
      onRun: (n) => {
        if (n % 50 === 0) reply({ type: 'progress', text: `exploring: ${n} of ${r.runs} runs` });
      },
    });
    const cx = result.counterexample;
    const fair = cx ? cx.steps.findIndex((s) => s.fair) : -1;
    const summary = `${result.runs} runs, ${result.steps} steps in ${result.seconds.toFixed(1)} s: ${cx ? `VIOLATION ${cx.violation.id} after ${cx.steps.length} steps (shrunk)` : 'no violation'}`;
    reply({ type: 'explored', summary, found: cx && { events: cx.steps.map((s) => s.env), fairFrom: fair < 0 ? null : fair, violation: cx.violation.id, message: cx.violation.message } });
    return;
  }
  if (r.type === 'check') {
    const result = check({
      topology: r.topology, mutant: r.mutant, faults: r.faults, userChanges: 1, maxStates: r.maxStates, maxSeconds: r.maxSeconds,
      onProgress: (p) => reply({ type: 'progress', text: `checking: ${p.states.toLocaleString('en-US')} states, depth ${p.depth}, ${p.seconds.toFixed(1)} s` }),
    });
    const cx = result.counterexample;
    const limit = result.cutBy ? ` (cut by ${result.cutBy})` : '';
    const summary = `${result.states.toLocaleString('en-US')} states, ${result.transitions.toLocaleString('en-US')} transitions, diameter ${result.diameter} in ${result.seconds.toFixed(1)} s: ${result.verdict.toUpperCase()}${limit}${cx ? `, a shortest counterexample of ${cx.events.length} steps` : ''}`;
    reply({ type: 'checked', summary, found: cx && { events: cx.events, fairFrom: cx.loopStart, violation: cx.violation.id, message: cx.violation.message } });
    return;
  }
  const result = await conform({ text: r.text }, { format: r.format, mutant: r.mutant, readAll: false });
  reply({ type: 'conformed', result });
}

port.onmessage = (e) => {
  handle(e.data).catch((err: unknown) => reply({ type: 'error', message: err instanceof Error ? err.message : String(err) }));
};
