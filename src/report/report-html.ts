import type { ReportData } from './report-data.js';
import { CLAIMS_CHECK_FILE, faultsText, userChangesText } from './claims-check.js';
import { PROOFS_FILE } from './mutant-proofs.js';
import { capPairs } from './coverage-misses.js';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
/** An SVG document as inline markup: Graphviz's XML prolog and doctype dropped. */
const inline = (svg: string): string => svg.slice(svg.indexOf('<svg'));
/** JSON that cannot close the script element it sits in. */
const scriptJson = (v: unknown): string => JSON.stringify(v).replace(/</g, '\\u003c');
const fmt = (n: number): string => Math.round(n).toLocaleString('en-US');

const STYLE = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Helvetica,Arial,sans-serif;color:#1f2328;margin:0 auto;max-width:1200px;padding:16px 24px}
h1{font-size:22px;margin:8px 0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #d0d7de;padding-bottom:4px}h3{font-size:15px;margin:18px 0 6px}
table{border-collapse:collapse;margin:6px 0}td,th{border:1px solid #d0d7de;padding:3px 8px;text-align:left;vertical-align:top}th{background:#f6f8fa}
code,pre{font-family:ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;font-size:12.5px}
pre{background:#f6f8fa;padding:8px 10px;border-radius:6px;overflow-x:auto}
.ok{color:#1a7f37;font-weight:600}.bad{color:#cf222e;font-weight:600}.muted{color:#57606a}
.badge{display:inline-block;padding:0 7px;border-radius:10px;font-size:12px;font-weight:600}
.held{background:#dafbe1;color:#1a7f37}.violated{background:#ffebe9;color:#cf222e}.unknown,.not-checked,.not-exercised{background:#eaeef2;color:#57606a}
.stepper{display:flex;gap:10px;align-items:center;margin:8px 0}.stepper button{font:inherit;padding:3px 12px}
#cx-caption{font-weight:600}#cx-tag{margin-left:6px}#cx-violation{background:#ffebe9;border:1px solid #cf222e;color:#82071e;padding:6px 10px;border-radius:6px;font-weight:600}
.diagram{overflow-x:auto;border:1px solid #d0d7de;border-radius:6px;padding:6px;margin:6px 0}.diagram svg{max-width:100%;height:auto}
.seq{overflow:auto;max-height:560px;border:1px solid #d0d7de;border-radius:6px}.seq-heads{position:sticky;top:0;z-index:1;line-height:0}.seq-body{margin-top:-34px}.seq svg.sequence g.heads{visibility:hidden}
.legend span{margin-right:14px}
`;

const STEPPER = `
(function () {
  var data = JSON.parse(document.getElementById('cx-data').textContent);
  var i = 0;
  var $ = function (id) { return document.getElementById(id); };
  function show() {
    var s = data.steps[i];
    var last = data.steps.length - 1;
    $('cx-index').textContent = 'step ' + i + ' of ' + last;
    $('cx-caption').textContent = s.caption;
    $('cx-tag').textContent = s.tag ? '[' + s.tag + ']' : '';
    var ul = $('cx-effects');
    ul.textContent = '';
    s.effects.forEach(function (e) { var li = document.createElement('li'); li.textContent = e; ul.appendChild(li); });
    $('cx-state').textContent = s.state.join('\\n');
    $('cx-violation').hidden = i !== last;
    $('cx-prev').disabled = i === 0;
    $('cx-next').disabled = i === last;
    document.querySelectorAll('svg.sequence g.step').forEach(function (g) {
      var on = Number(g.getAttribute('data-step')) === i;
      g.classList.toggle('current', on);
      // Scroll the chart's own box, not the page, to the current step, below the sticky headings.
      var box = g.closest('.seq');
      if (on && box) {
        var r = g.getBoundingClientRect(), b = box.getBoundingClientRect();
        if (r.top < b.top + 34 || r.bottom > b.bottom) box.scrollTop += r.top - b.top - 58;
      }
    });
  }
  $('cx-prev').addEventListener('click', function () { if (i > 0) { i--; show(); } });
  $('cx-next').addEventListener('click', function () { if (i < data.steps.length - 1) { i++; show(); } });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'ArrowRight') $('cx-next').click();
    if (e.key === 'ArrowLeft') $('cx-prev').click();
  });
  show();
})();
`;

function summary(d: ReportData): string {
  const r = d.result;
  const rows: [string, string][] = [
    ['topology', d.topology.name],
    ['design', r.mutant ? `mutant ${r.mutant}` : 'correct design'],
    ['faults', r.faults.length ? r.faults.join(', ') : 'none'],
    ...(d.source
      ? ([['counterexample', d.source]] as [string, string][])
      : ([
          ['runs', `${fmt(r.runs)} (seed ${r.seed})${r.shrinks ? `, ${fmt(r.shrinks)} shrink steps` : ''}`],
          ['steps', `${fmt(r.steps)} in ${r.seconds.toFixed(2)} s`],
        ] as [string, string][])),
    ['invariant checks', fmt(r.invariantChecks)],
    ['result', r.counterexample ? `<span class="bad">violation of ${esc(r.counterexample.violation.id)}</span>` : '<span class="ok">no violation</span>'],
  ];
  return `<table id="summary">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${k === 'result' ? v : esc(v)}</td></tr>`).join('')}</table>`;
}

/** The committed exhaustive check of this topology and design, first; the random run below is the second line. */
function exhaustive(d: ReportData): string {
  const c = d.exhaustive.check;
  if (c) {
    const rows: [string, string][] = [
      ['faults', faultsText(c.faults)],
      ['user changes', userChangesText(c)],
      ['states', fmt(c.states)],
      ['transitions', fmt(c.transitions)],
      ['time', `${c.seconds.toFixed(1)} s search, ${c.livenessSeconds.toFixed(1)} s fair-cycle search`],
      ['verdict', c.verdict === 'pass' ? 'PASS: every INV-* in every reachable state, no fair cycle keeping a LIVE-* false' : c.verdict.toUpperCase()],
    ];
    return `<p>The correct design on ${esc(c.topology)}, checked exhaustively by <code>hotup check</code> (from <code>${CLAIMS_CHECK_FILE}</code>):</p><table id="exhaustive">${rows.map(([k, v]) => `<tr><th>${k}</th><td>${esc(v)}</td></tr>`).join('')}</table>`;
  }
  if (d.exhaustive.proofs.length) {
    return `<p>This mutant on ${esc(d.topology.name)}, checked exhaustively against each property alone (from <code>${PROOFS_FILE}</code>): see the first line of each property below.</p>`;
  }
  return '<p id="exhaustive-none" class="muted">No committed exhaustive result covers this topology and design: only the random run below speaks for it.</p>';
}

function properties(d: ReportData): string {
  const rows = d.properties.map(
    (p) =>
      `<tr data-property="${esc(p.id)}"><td><code>${esc(p.id)}</code></td><td>${esc(p.claims.join(', ') || '-')}</td><td>${p.proof ? `<div class="proof">${esc(p.proof)}</div>` : ''}<span class="badge ${p.status.replace(' ', '-')}">${esc(p.status)}</span> <span class="muted">${esc(p.detail)}</span></td><td>${esc(p.description)}</td></tr>`,
  );
  return `<table id="properties"><tr><th>property</th><th>claims</th><th>status (exhaustive, then this run)</th><th>what it says</th></tr>${rows.join('')}</table>`;
}

function counterexample(d: ReportData): string {
  const cx = d.counterexample;
  if (!cx) return '<p class="ok" id="no-counterexample">The run found no violation.</p>';
  return [
    `<p>${d.source ? `${cx.steps.length - 1} steps from <code>hotup check</code>` : `Shrunk to ${cx.steps.length - 1} steps`}. Replay: <code>${esc(cx.replay)}</code></p>`,
    '<div class="stepper"><button id="cx-prev" type="button">&larr; previous</button><span id="cx-index"></span><button id="cx-next" type="button">next &rarr;</button><span class="muted">(or the arrow keys)</span></div>',
    '<div><span id="cx-caption"></span><span id="cx-tag" class="muted"></span></div>',
    '<ul id="cx-effects"></ul>',
    `<div id="cx-violation" hidden>${esc(cx.violation)}</div>`,
    '<h3>State after the step</h3><pre id="cx-state"></pre>',
    '<h3>Sequence chart</h3>',
    `<div class="seq"><div class="seq-heads">${cx.sequenceHeadsSvg}</div><div class="seq-body">${cx.sequenceSvg}</div></div>`,
    `<script type="application/json" id="cx-data">${scriptJson({ steps: cx.steps })}</script>`,
  ].join('\n');
}

/** Uncovered transition pairs the page lists per machine; the rest are counted. */
export const PAIRS_SHOWN = 40;

const frac = (x: readonly [number, number]): string => `${x[0]}/${x[1]}`;
const claimsText = (d: ReportData, machine: string): string => (d.claims[machine]?.length ? `claims ${d.claims[machine]!.join(', ')}` : 'no claim');

/** The misses grouped by machine, each group headed by the machine and the claims its meta names; pairs capped per machine. */
function misses(d: ReportData): string {
  if (!d.uncovered.length) return '<p id="uncovered-none">Every state, transition, guard outcome and transition pair was covered.</p>';
  const { shown, rest } = capPairs(d.uncovered, PAIRS_SHOWN);
  const rows: string[] = [];
  shown.forEach((u, i) => {
    if (shown[i - 1]?.machine !== u.machine) rows.push(`<tr class="group" data-machine="${esc(u.machine)}"><th colspan="2">${esc(u.machine)}</th><th>${esc(claimsText(d, u.machine))}</th></tr>`);
    rows.push(`<tr data-kind="${u.kind}"><td>${u.kind}</td><td><code>${esc(u.id)}</code></td><td>${esc(u.reason)}</td></tr>`);
    const r = rest.get(u.machine);
    if (r && shown[i + 1]?.machine !== u.machine) {
      rows.push(`<tr class="rest" data-machine="${esc(u.machine)}"><td>pair</td><td colspan="2" class="muted">${r.count} more pairs not covered, not listed: ${r.proven} of them proven unreachable, ${r.count - r.proven} not reached in this run</td></tr>`);
    }
  });
  return `<table id="uncovered"><tr><th>not covered</th><th>item</th><th>why</th></tr>${rows.join('')}</table>`;
}

function coverage(d: ReportData): string {
  const legend =
    '<p class="legend"><span class="ok">green: visited by this run</span><span class="muted">grey: not visited</span><span class="muted">dashed: eventless (<code>always</code>), counted visited when the run was in both its states</span></p>';
  const table = `<table id="coverage"><tr><th>machine</th><th>claims</th><th>states</th><th>transitions</th><th>guard outcomes</th><th>transition pairs</th></tr>${d.diagrams
    .map((g) => `<tr data-machine="${esc(g.machine)}"><td>${esc(g.machine)}</td><td>${esc(d.claims[g.machine]?.join(', ') || '-')}</td><td>${frac(g.states)}</td><td>${frac(g.transitions)}</td><td>${frac(g.guards)}</td><td>${frac(g.pairs)}</td></tr>`)
    .join('')}</table>`;
  const pictures = d.diagrams.map((g) => `<h3>${esc(g.machine)} <span class="muted">(${esc(claimsText(d, g.machine))})</span></h3><div class="diagram" id="diagram-${esc(g.machine)}">${inline(g.svg)}</div>`);
  return [
    '<p>Per machine, with the patent claims its XState <code>meta</code> names: states and transitions visited out of all that <code>toDirectedGraph</code> lists (eventless transitions are not among them); guard outcomes, the true and the false of every guarded transition (eventless ones too) as XState evaluated them; transition pairs, two transitions one machine instance took in a row, out of those its graph allows.</p>',
    table,
    `<p id="coverage-proof" class="muted">${esc(d.proofLine)}</p>`,
    misses(d),
    legend,
    ...pictures,
  ].join('\n');
}

/** The report as one self-contained HTML page: no script, style or picture is fetched from elsewhere. */
export function reportHtml(d: ReportData): string {
  const r = d.result;
  const title = `hotup report: ${d.topology.name}, ${r.mutant ?? 'correct design'}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${esc(title)}</h1>
<h2>Exhaustive check</h2>
${exhaustive(d)}
<h2>Random run</h2>
${summary(d)}
<h2>Properties</h2>
${properties(d)}
<h2 id="counterexample">Counterexample</h2>
${counterexample(d)}
<h2>Coverage</h2>
${coverage(d)}
<h2>Topology</h2>
<div class="diagram" id="topology">${inline(d.topologySvg)}</div>
${d.counterexample ? `<script>${STEPPER}</script>` : ''}
</body>
</html>
`;
}
