/**
 * The layer order of the code, bottom first. A folder unit may import units of
 * its own layer (without a loop) and of layers below it, never one above.
 * When folders move, edit this array: a unit listed here that has no files yet
 * is simply absent from the graph; a unit with files that is not listed here
 * fails the layering test until it is added. Give every unit a line in ABOUT.
 */
export const LAYERS: readonly (readonly string[])[] = [
  ['machines'],
  ['src/topology', 'src/mutants'],
  ['src/model'],
  ['scenarios'],
  ['properties'],
  ['src/engine'],
  ['src/trace'],
  ['src/explore', 'src/linux'],
  ['src/conform', 'src/check'],
  ['src/diagram', 'src/report', 'src/architecture', 'src/import', 'src/ui', 'src/swarm'],
  ['src/cli', 'src/kernel'],
  ['bench', 'twins', 'scripts'],
];

/** What lives in each unit of LAYERS, one line each, as docs/architecture.md shows it. */
export const ABOUT: Readonly<Record<string, string>> = {
  machines: 'the design: one XState machine per component (parent, child, netdev, bond, tool, traffic)',
  'src/topology': 'topologies: presets and the JSON topology format',
  'src/mutants': 'design mutants: the design with one decision flipped',
  'src/model': 'the model\'s vocabulary: the system state, the component-kind and event-kind tables, faults, canonical form',
  scenarios: 'named runs: a topology, faults and a mutant, shared by tests, reports and benchmarks',
  properties: 'the specification: every INV-* and LIVE-* as a monitor that only observes',
  'src/engine': 'the engine: one run-to-completion loop with pluggable delivery (XState, memoised table, logged replay), enabled events, monitored steps; in table/ the system over state vectors with memoised invariants and its audit',
  'src/trace': 'the trace: a run as steps carrying the event, the messages, the state after and every violation; its readable form',
  'src/explore': 'tool `explore`: random exploration, shrunk counterexamples, coverage',
  'src/linux': 'the Linux bonding driver as a reference, and its conformance scenarios',
  'src/conform': 'tool `conform`: checks kernel traces against the model',
  'src/check': 'tool `check`: exhaustive breadth-first state-space search',
  'src/swarm': 'swarm verification (`hotup check --swarm K/N`, `hotup swarm merge`): diversified bitstate searches, their member files and the merged report',
  'src/diagram': 'diagrams of machines, topologies and counterexamples',
  'src/report': 'tool `report`: generated docs, claim coverage, design comparison, HTML report',
  'src/architecture': 'this page: the folder graph, its layer order and the layering check',
  'src/import': 'tool `import`: kernel logs (dmesg, /dev/kmsg) and ftrace text into a hotup trace',
  'src/ui': 'tool `ui`: the explorer page (the model stepped by hand in the browser, searches in a Web Worker) and its local server and bundler',
  'src/cli': 'the `hotup` command line',
  'src/kernel': 'the design as Linux modules under QEMU: module builds, the guest, its scenarios, each kernel log imported and judged by `hotup conform`; docs/kernel-reference.md',
  bench: 'benchmarks of explore, check and conform, and of the peer checkers on the twins',
  twins: 'the model written again for other checkers (Promela for SPIN, Quint)',
  scripts: 'the doc generator and the Linux VM harness',
};

/** The index in LAYERS of the layer holding `unit`, or undefined when no layer lists it. */
export function layerOf(unit: string, layers: readonly (readonly string[])[] = LAYERS): number | undefined {
  const i = layers.findIndex((l) => l.includes(unit));
  return i < 0 ? undefined : i;
}
