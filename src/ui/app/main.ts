import type { ConformResult } from '../../conform/result.js';
import { livenessViolations } from '../../engine/monitor.js';
import { describeMessage } from '../../trace/trace.js';
import { describeEvent, faultOf } from '../../model/event-kinds.js';
import { FAULTS, FAULT_DESCRIPTIONS, type FaultId } from '../../model/faults.js';
import { formatRecord, type TraceEvent, type TraceObservation } from '../../model/trace-event.js';
import { MUTANTS } from '../../mutants.js';
import { parseTopology } from '../../topology/parse.js';
import { PRESETS, DEFAULT_TOPOLOGY } from '../../topology/presets.js';
import type { Topology } from '../../topology/topology.js';
import { byId, download, esc } from './dom.js';
import { EVENT_GROUPS, groupEvents } from './event-groups.js';
import { parseLoaded, replayFileText, traceFileText, type TraceRecord } from './files.js';
import { MachineViews } from './machine-view.js';
import { Run, runOf, type RunSetup } from './run.js';
import { topologyHtml } from './topology-view.js';
import { MAX_WALKED, walkTrace } from './trace-steps.js';
import { changedVariables, variablesOf } from './variables.js';
import type { FoundRun, WorkerReply, WorkerRequest } from './worker-protocol.js';

/** A trace loaded into the page: its records, conform's verdict when known, and which record each step explains. */
interface LoadedTrace {
  /** The file, to lay it onto another design's steps. */
  readonly text: string;
  readonly name: string;
  readonly records: readonly TraceRecord[];
  readonly recordOfStep: readonly number[];
  readonly stuckAt: number | null;
  verdict: ConformResult | null;
}

let run: Run;
/** The property a loaded or found counterexample breaks: a LIVE-* is judged on its last state, not by a step. */
let target: string | null = null;
let trace: LoadedTrace | null = null;
let found: FoundRun | null = null;
let worker: Worker | null = null;
const machines = new MachineViews();
let drawnFor: string | null = null;

/** The setup the controls describe; throws with the field at fault for a bad pasted topology. */
function setupFromControls(): RunSetup {
  const choice = byId<HTMLSelectElement>('topology').value;
  const topology: Topology = choice === 'custom' ? parseTopology(JSON.parse(byId<HTMLTextAreaElement>('topology-json').value)) : PRESETS[choice]!;
  const mutant = byId<HTMLSelectElement>('mutant').value || null;
  const faults = FAULTS.filter((f) => byId<HTMLInputElement>(`fault-${f}`).checked);
  return { topology, mutant, faults };
}

/** Sets the controls to a setup (when a file brings its own). */
function showSetup(s: RunSetup): void {
  const preset = PRESETS[s.topology.name];
  const same = preset && JSON.stringify(preset) === JSON.stringify(s.topology);
  byId<HTMLSelectElement>('topology').value = same ? s.topology.name : 'custom';
  if (!same) byId<HTMLTextAreaElement>('topology-json').value = JSON.stringify(s.topology, null, 2);
  byId('topology-json').hidden = Boolean(same);
  byId<HTMLSelectElement>('mutant').value = s.mutant ?? '';
  for (const f of FAULTS) byId<HTMLInputElement>(`fault-${f}`).checked = s.faults.includes(f);
}

function status(text: string, bad = false): void {
  const e = byId('status');
  e.textContent = text;
  e.classList.toggle('bad', bad);
}

async function useRun(r: Run): Promise<void> {
  run = r;
  const key = `${r.setup.mutant}`;
  if (drawnFor !== key) {
    await machines.draw(byId('machines'), r.system.components);
    drawnFor = key;
  }
  render();
}

/** Boots a fresh run from the controls. */
async function boot(): Promise<void> {
  try {
    trace = null;
    target = null;
    await useRun(new Run(setupFromControls()));
    status(`booted ${run.setup.topology.name}${run.setup.mutant ? ` under ${run.setup.mutant}` : ''}`);
  } catch (e) {
    status(`cannot boot: ${(e as Error).message}`, true);
  }
}

function renderSteps(): void {
  const rows: string[] = [`<li data-step="0" class="booted${run.position === 0 ? ' current' : ''}">booted</li>`];
  run.all().forEach((s, i) => {
    const n = i + 1;
    const fault = faultOf(s.env);
    const tag = fault ? ` <span class="tag bad">${fault}</span>` : s.fair ? ' <span class="tag fair" title="taken by the fair completion: a step the system takes by itself (weak fairness) while liveness is checked">fair</span>' : '';
    const loop = run.loopStart !== null && i === run.loopStart ? '<li class="loop-mark">loop: the steps below repeat forever</li>' : '';
    const v = s.violations[0];
    rows.push(`${loop}<li data-step="${n}" class="${n === run.position ? 'current' : ''}${n > run.position ? ' ahead' : ''}${v ? ' violating' : ''}">${n}. ${esc(describeEvent(run.setup.topology, s.env, run.stateAt(i)))}${tag}${v ? ` <b>${v.id}</b>` : ''}</li>`);
  });
  byId('steps').innerHTML = rows.join('');
  scrollWithin(byId('steps'), byId('steps').querySelector('li.current'));
}

/** Scrolls a list's own box (never the page) so that `item` is in view. */
function scrollWithin(list: HTMLElement, item: Element | null): void {
  if (!item) return;
  const r = item.getBoundingClientRect();
  const b = list.getBoundingClientRect();
  if (r.top < b.top) list.scrollTop -= b.top - r.top;
  else if (r.bottom > b.bottom) list.scrollTop += r.bottom - b.bottom;
}


function renderTrace(): void {
  const panel = byId('trace');
  if (!trace) {
    panel.hidden = true;
    return;
  }
  panel.hidden = false;
  const v = trace.verdict;
  const bad = v?.divergence ?? v?.violation ?? null;
  const badIndex = bad ? bad.index - 1 : null;
  const current = run.position === 0 ? -1 : trace.recordOfStep[run.position - 1]!;
  byId('trace-verdict').innerHTML = v
    ? `conform: <b class="verdict-${v.verdict}">${v.verdict.toUpperCase()}</b> (${v.events} events)${v.divergence ? `; diverges at ${esc(v.divergence.where)}: ${esc(v.divergence.reason)}` : ''}${v.violation ? `; ${esc(v.violation.id)} broken at ${esc(v.violation.where)}: ${esc(v.violation.message)}` : ''}${v.inconclusive ? `; ${esc(v.inconclusive.reason)}` : ''}${v.diagnosis?.length ? `<br>explained further by: ${v.diagnosis.map((d) => `${esc(d.mutant)} (${d.verdict}) <button class="as-design" data-mutant="${esc(d.mutant)}">step through it as ${esc(d.mutant)}</button>`).join(', ')}` : ''}`
    : 'conform: checking...';
  byId('trace-lines').innerHTML = trace.records
    .map((r, i) => {
      const cls = [i <= current ? 'done' : '', i === current ? 'current' : '', i === badIndex ? 'divergent' : '', i === trace!.stuckAt ? 'stuck' : ''].filter(Boolean).join(' ');
      return `<li class="${cls}" data-record="${i}"><code>${esc(r.where)}</code> ${esc(formatRecord(r.value as TraceEvent | TraceObservation))}${i === badIndex ? ' <b>&larr; conform</b>' : ''}</li>`;
    })
    .join('');
  scrollWithin(byId('trace-lines'), byId('trace-lines').querySelector('li.current'));
}

/** Redraws everything that depends on the cursor. */
function render(): void {
  const t = run.setup.topology;
  const s = run.state;
  const before = run.position === 0 ? s : run.stateAt(run.position - 1);
  const changed = run.position === 0 ? new Set<string>() : changedVariables(variablesOf(before), variablesOf(s));
  const cur = run.current;
  byId('position').textContent = `step ${run.position} of ${run.length}`;
  byId('caption').textContent = cur ? describeEvent(t, cur.step.env, before) : `booted ${t.name}`;
  byId('effects').textContent = cur ? cur.step.log.slice(1).map(describeMessage).filter((x) => x !== null).join('; ') : '';
  const atEnd = run.position === run.length && run.length > 0;
  const live = atEnd && target !== null && !cur?.step.violations.length ? (livenessViolations(run.system, s).find((x) => x.id === target) ?? null) : null;
  const v = cur?.step.violations[0] ?? live;
  const banner = byId('violation');
  banner.hidden = v === null;
  const forever = live ? (run.loopStart !== null ? ' (the loop from the first fair step repeats forever)' : ' (after the fair completion: the system settled without it)') : '';
  banner.textContent = v ? `violated ${v.id}${v.claims.length ? ` (claims ${v.claims.join(', ')})` : ''}: ${v.message}${forever}` : '';
  byId<HTMLButtonElement>('back').disabled = run.position === 0;
  byId<HTMLButtonElement>('forward').disabled = run.position >= run.length;
  byId('topology-view').innerHTML = topologyHtml(t, s, changed);
  const vars = variablesOf(s);
  byId('variables').innerHTML = [...vars].map(([k, x]) => `<tr class="${changed.has(k) ? 'changed' : ''}" data-var="${esc(k)}"><td>${esc(k)}</td><td>${esc(x)}</td></tr>`).join('');
  const groups = groupEvents(t, s, run.enabled());
  byId('events').innerHTML = EVENT_GROUPS.map(
    (g) =>
      `<fieldset class="group" data-group="${g}"><legend>${g} (${groups[g].length})</legend>${groups[g]
        .map((b) => `<button class="event" data-index="${b.index}" title="${esc(JSON.stringify(b.event))}">${esc(b.label)}${b.fault && g !== 'faults' ? ` <small>[${b.fault}]</small>` : ''}</button>`)
        .join('')}</fieldset>`,
  ).join('');
  machines.mark(t, s, cur?.taken ?? null);
  renderSteps();
  renderTrace();
}

function takeEvent(index: number): void {
  const e = run.enabled()[index];
  if (!e) return;
  run.take(e);
  // A step of one's own leaves the loaded counterexample: its property is no longer the question.
  trace = null;
  target = null;
  render();
}

async function loadFile(text: string, name: string): Promise<void> {
  try {
    const loaded = parseLoaded(text, name);
    if (loaded.kind === 'events') {
      const f = loaded.file;
      const setup: RunSetup = { topology: f.topology, mutant: f.mutant, faults: f.faults };
      showSetup(setup);
      trace = null;
      target = f.violation;
      await useRun(runOf(setup, f.events, f.loopStart));
      run.seek(run.length);
      render();
      status(`loaded ${name}: ${f.events.length} events ${f.violation === null ? 'breaking nothing' : `breaking ${f.violation}`}${f.loopStart === null ? '' : ` (a lasso: the loop from step ${f.loopStart + 1} repeats forever)`}`);
      return;
    }
    const current = setupFromControls();
    const topology = loaded.topology ?? current.topology;
    const walk = walkTrace(topology, current.mutant, loaded.records);
    const setup: RunSetup = { topology, mutant: current.mutant, faults: [...FAULTS] };
    showSetup(setup);
    target = null;
    trace = { text, name, records: loaded.records, recordOfStep: walk.recordOfStep, stuckAt: walk.stuckAt, verdict: null };
    await useRun(runOf(setup, walk.events));
    status(`loaded ${name}: ${loaded.records.length} records as ${walk.events.length} model steps${walk.stuckAt === null ? '' : `; no model step explains ${loaded.records[walk.stuckAt]!.where}`}${walk.cut ? `; stepping stops after ${MAX_WALKED} event lines (conform reads them all)` : ''}`);
    ask({ type: 'conform', text: loaded.text, format: loaded.format, mutant: current.mutant });
  } catch (e) {
    status(`cannot load ${name}: ${(e as Error).message}`, true);
  }
}

function ask(r: WorkerRequest): void {
  worker?.terminate();
  worker = new Worker('worker.js', { type: 'module' });
  worker.onmessage = (m: MessageEvent<WorkerReply>) => onReply(m.data);
  worker.onerror = (e) => {
    byId('search-progress').textContent = `worker failed: ${e.message}`;
  };
  worker.postMessage(r);
}

function onReply(m: WorkerReply): void {
  switch (m.type) {
    case 'progress':
      byId('search-progress').textContent = m.text;
      return;
    case 'explored':
    case 'checked':
      found = m.found;
      byId('search-progress').textContent = m.summary;
      byId('search-result').textContent = m.found ? `VIOLATION ${m.found.violation}: ${m.found.message}` : 'no violation found';
      byId<HTMLButtonElement>('jump').disabled = m.found === null;
      worker?.terminate();
      worker = null;
      return;
    case 'conformed':
      if (trace) trace.verdict = m.result;
      renderTrace();
      worker?.terminate();
      worker = null;
      return;
    case 'error':
      byId('search-progress').textContent = `error: ${m.message}`;
      worker?.terminate();
      worker = null;
  }
}

async function jumpToViolation(): Promise<void> {
  if (!found) return;
  trace = null;
  target = found.violation;
  await useRun(runOf(run.setup, found.events, found.fairFrom));
  run.seek(run.length);
  render();
  status(`counterexample: ${found.events.length} steps breaking ${found.violation}`);
}

function setupControls(): void {
  const sel = byId<HTMLSelectElement>('topology');
  sel.innerHTML = [...Object.keys(PRESETS).map((n) => `<option${n === DEFAULT_TOPOLOGY ? ' selected' : ''}>${n}</option>`), '<option value="custom">custom (JSON)</option>'].join('');
  sel.onchange = () => {
    byId('topology-json').hidden = sel.value !== 'custom';
  };
  byId<HTMLSelectElement>('mutant').innerHTML = ['<option value="">correct design</option>', ...MUTANTS.map((m) => `<option value="${m.id}" title="${esc(m.description)}">${m.id}</option>`)].join('');
  byId('faults').innerHTML = FAULTS.map((f: FaultId) => `<label title="${esc(FAULT_DESCRIPTIONS[f])}"><input type="checkbox" id="fault-${f}" checked> ${f}</label>`).join('');
  byId('boot').onclick = () => void boot();
  byId('topology-file').onchange = async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (!f) return;
    byId<HTMLTextAreaElement>('topology-json').value = await f.text();
    sel.value = 'custom';
    byId('topology-json').hidden = false;
  };
  byId('events').onclick = (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button.event');
    if (b) takeEvent(Number(b.dataset.index));
  };
  byId('back').onclick = () => run.back() && render();
  byId('forward').onclick = () => run.forward() && render();
  byId('steps').onclick = (e) => {
    const li = (e.target as HTMLElement).closest<HTMLElement>('li[data-step]');
    if (li) {
      run.seek(Number(li.dataset.step));
      render();
    }
  };
  document.addEventListener('keydown', (e) => {
    if ((e.target as HTMLElement).closest('input, textarea, select')) return;
    if (e.key === 'ArrowLeft' && run.back()) render();
    if (e.key === 'ArrowRight' && run.forward()) render();
  });
  byId('trace-verdict').onclick = (e) => {
    const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button.as-design');
    if (!b || !trace) return;
    // The broken design that explains the trace: lay the same file onto its steps.
    byId<HTMLSelectElement>('mutant').value = b.dataset.mutant!;
    void loadFile(trace.text, trace.name);
  };
  byId('load-file').onchange = async (e) => {
    const f = (e.target as HTMLInputElement).files?.[0];
    if (f) await loadFile(await f.text(), f.name);
  };
  byId('save-trace').onclick = () => download('run.jsonl', traceFileText(run, 'jsonl'), 'application/jsonl');
  byId('save-itf').onclick = () => download('run.itf.json', traceFileText(run, 'itf'));
  byId('save-replay').onclick = () => download('run.events.json', replayFileText(run));
  const num = (id: string): number => Number(byId<HTMLInputElement>(id).value);
  byId('explore').onclick = () => {
    const s = setupFromControls();
    byId('search-result').textContent = '';
    ask({ type: 'explore', topology: s.topology, mutant: s.mutant, faults: s.faults, runs: num('runs'), steps: num('run-steps'), seed: num('seed') });
  };
  byId('check').onclick = () => {
    const s = setupFromControls();
    byId('search-result').textContent = '';
    ask({ type: 'check', topology: s.topology, mutant: s.mutant, faults: s.faults, maxStates: num('max-states'), maxSeconds: 120 });
  };
  byId('stop').onclick = () => {
    worker?.terminate();
    worker = null;
    byId('search-progress').textContent = 'stopped';
  };
  byId('jump').onclick = () => void jumpToViolation();
}

setupControls();
void boot().then(() => document.body.setAttribute('data-ready', 'true'));
