/** The explorer's one page: its layout and style; the script (app.js) fills it in. */
export const UI_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>hotup explorer</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  body { font: 13px/1.4 system-ui, sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
  header { background: #24292f; color: #fff; padding: 6px 12px; display: flex; gap: 12px; align-items: center; flex-wrap: wrap; }
  header h1 { font-size: 15px; margin: 0 8px 0 0; }
  header select, header textarea, header input { font: inherit; }
  #faults { display: flex; flex-wrap: wrap; gap: 2px 10px; font-size: 11px; }
  #topology-json { width: 420px; height: 90px; font-family: monospace; font-size: 11px; }
  main { display: grid; grid-template-columns: 330px 1fr 320px; gap: 8px; padding: 8px; align-items: start; }
  section { background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 8px; margin-bottom: 8px; }
  h2 { font-size: 13px; margin: 0 0 6px; }
  #status.bad, .bad { color: #cf222e; }
  #violation { background: #ffebe9; border: 1px solid #cf222e; color: #82071e; padding: 6px; border-radius: 4px; margin-top: 6px; font-weight: 600; }
  #caption { font-weight: 600; }
  #effects { color: #57606a; font-size: 12px; }
  fieldset.group { border: 1px solid #d0d7de; border-radius: 4px; margin: 0 0 6px; padding: 4px 6px; }
  fieldset.group legend { font-weight: 600; font-size: 11px; text-transform: uppercase; color: #57606a; }
  button.event { display: block; width: 100%; text-align: left; margin: 2px 0; font: inherit; font-size: 12px; padding: 3px 6px; border: 1px solid #d0d7de; border-radius: 4px; background: #f6f8fa; cursor: pointer; }
  button.event:hover { background: #ddf4ff; }
  fieldset[data-group="faults"] button.event { background: #fff8c5; }
  fieldset[data-group="user"] button.event { background: #fbefff; }
  .layer { display: flex; gap: 6px; align-items: stretch; margin-bottom: 6px; flex-wrap: wrap; }
  .layer-name { width: 80px; color: #57606a; font-size: 11px; align-self: center; }
  .box { border: 2px solid #8c959f; border-radius: 6px; padding: 4px 8px; background: #fff; min-width: 120px; }
  .box.changed { box-shadow: 0 0 0 3px #fff8c5; border-style: dashed; }
  .netdev.carrier-on { border-color: #1a7f37; }
  .netdev.carrier-off { border-color: #cf222e; background: #fff5f5; }
  .netdev.active-slave { outline: 3px solid #0969da; }
  .bond.carrier-off { border-color: #cf222e; }
  .tag { font-size: 10px; background: #ddf4ff; border-radius: 8px; padding: 0 6px; }
  .tag.bad { background: #ffebe9; }
  .tag.fair { background: #eaeef2; color: #57606a; }
  .packet { font-size: 10px; background: #fff1e5; border: 1px solid #bc4c00; border-radius: 8px; padding: 0 5px; }
  .mii-up { color: #1a7f37; } .mii-down, .mii-fail, .mii-released { color: #cf222e; } .mii-back { color: #9a6700; }
  table { border-collapse: collapse; width: 100%; font-size: 12px; }
  td { padding: 1px 4px; border-bottom: 1px solid #eaeef2; font-family: monospace; }
  tr.changed td { background: #fff8c5; font-weight: 700; }
  #variables td:last-child { word-break: break-all; }
  ol.list { list-style: none; padding: 0; margin: 0; max-height: 300px; overflow: auto; font-size: 12px; }
  ol.list li { padding: 1px 4px; cursor: pointer; border-left: 3px solid transparent; }
  ol.list li.current { background: #ddf4ff; border-left-color: #0969da; }
  ol.list li.ahead { color: #8c959f; }
  ol.list li.violating { color: #cf222e; }
  ol.list li.loop-mark { color: #57606a; font-style: italic; cursor: default; }
  #trace-lines li.done { color: #57606a; }
  #trace-lines li.divergent { background: #ffebe9; color: #82071e; font-weight: 600; }
  #trace-lines li.stuck { outline: 1px dashed #cf222e; }
  .verdict-conforming { color: #1a7f37; } .verdict-not-conforming { color: #cf222e; } .verdict-inconclusive { color: #9a6700; }
  #machines { display: flex; flex-wrap: wrap; gap: 8px; }
  figure.machine { margin: 0; background: #fff; border: 1px solid #d0d7de; border-radius: 6px; padding: 4px; max-width: 100%; overflow: auto; }
  figure.machine svg { max-width: 100%; height: auto; }
  figure.machine .where { color: #0969da; font-size: 11px; }
  g.current > path, g.current > polygon, g.current > ellipse { stroke: #0969da; stroke-width: 3; fill: #ddf4ff; }
  g.edge.taken > path { stroke: #cf222e; stroke-width: 3; }
  g.edge.taken > polygon { stroke: #cf222e; fill: #cf222e; }
  g.edge text.taken { fill: #cf222e; font-weight: 700; }
  .row { display: flex; gap: 6px; align-items: center; flex-wrap: wrap; margin: 4px 0; }
  .row input[type=number] { width: 70px; }
  #max-states { width: 90px; }
  #search-progress, #search-result { margin: 4px 0; }
  #search-result { font-weight: 600; color: #cf222e; }
</style>
</head>
<body>
<header>
  <h1>hotup explorer</h1>
  <label>topology <select id="topology"></select></label>
  <label title="a topology JSON file (see the README)">or file <input type="file" id="topology-file" accept=".json"></label>
  <label>design <select id="mutant"></select></label>
  <div id="faults"></div>
  <button id="boot">boot</button>
  <textarea id="topology-json" hidden placeholder='{ "name": "mine", "children": 2, "binding": { "N1": "C1", "N2": "C2" } }'></textarea>
  <span id="status"></span>
</header>
<main>
  <div>
    <section>
      <h2>step</h2>
      <div class="row"><button id="back" title="ArrowLeft">&larr; back</button><span id="position"></span><button id="forward" title="ArrowRight">forward &rarr;</button></div>
      <div id="caption"></div>
      <div id="effects"></div>
      <div id="violation" hidden></div>
    </section>
    <section>
      <h2>enabled events</h2>
      <div id="events"></div>
    </section>
    <section>
      <h2>run</h2>
      <ol id="steps" class="list"></ol>
      <div class="row"><button id="save-trace">save trace (.jsonl)</button><button id="save-itf">save ITF</button><button id="save-replay" title="hotup replay-events FILE runs it again">save replay file</button></div>
      <div class="row"><label>load a counterexample or trace <input type="file" id="load-file"></label></div>
    </section>
  </div>
  <div>
    <section>
      <h2>topology</h2>
      <div id="topology-view"></div>
    </section>
    <section id="trace" hidden>
      <h2>trace</h2>
      <div id="trace-verdict"></div>
      <ol id="trace-lines" class="list"></ol>
    </section>
    <section>
      <h2>machines</h2>
      <div id="machines"></div>
    </section>
  </div>
  <div>
    <section>
      <h2>search</h2>
      <div class="row"><button id="explore">explore at random</button> runs <input type="number" id="runs" value="200" min="1"> steps <input type="number" id="run-steps" value="40" min="1"> seed <input type="number" id="seed" value="42" min="0"></div>
      <div class="row"><button id="check">check exhaustively</button> max states <input type="number" id="max-states" value="2000000" min="1"><button id="stop">stop</button></div>
      <div id="search-progress"></div>
      <div id="search-result"></div>
      <button id="jump" disabled>jump to the violation</button>
    </section>
    <section>
      <h2>variables <small>(changed by the last step highlighted)</small></h2>
      <table id="variables"></table>
    </section>
  </div>
</main>
<script type="module" src="app.js"></script>
</body>
</html>
`;
