import { build, type Plugin } from 'esbuild';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The browser's scripts: the page's and the search worker's. */
export interface UiBundle {
  readonly app: string;
  readonly worker: string;
}

const SCHEMA_DIR = new URL('../../schema/', import.meta.url);

/** The JSON schemas the package ships (which the trace reader validates against), by their path under the package. */
function shippedFiles(): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(SCHEMA_DIR)) if (f.endsWith('.json')) out[`schema/${f}`] = readFileSync(new URL(f, SCHEMA_DIR), 'utf8');
  return out;
}

/**
 * Node built-ins that modules the page shares with the command line import
 * for reading and writing files. The page reads only the shipped schemas
 * (embedded at bundling); every other use throws.
 */
const nodeStubs = (files: Record<string, string>): Plugin => ({
  name: 'node-stubs',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|url|string_decoder|os|child_process)$/ }, (a) => ({ path: a.path.replace(/^node:/, ''), namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (a) => ({
      contents: `const no = (name) => () => { throw new Error('node:${a.path} ' + name + ' is not available in the browser'); };
// Path arithmetic is pure and runs at module load (a shipped file's path): it works on strings here.
const parts = (xs) => xs.filter((x) => typeof x === 'string' && x !== '');
export const join = (...xs) => parts(xs).join('/'), resolve = join, dirname = (p) => String(p).replace(/\\/[^/]*$/, ''),
  basename = (p) => String(p).replace(/^.*\\//, ''), posix = { join, resolve, dirname, basename };
const FILES = ${JSON.stringify(files)};
export const readFileSync = (p) => { const k = Object.keys(FILES).find((f) => String(p).endsWith(f)); if (k === undefined) no('readFileSync of ' + p)(); return FILES[k]; };
export const writeFileSync = no('writeFileSync'), renameSync = no('renameSync'), mkdirSync = no('mkdirSync'),
  existsSync = no('existsSync'), createReadStream = no('createReadStream'), readdirSync = no('readdirSync'), statSync = no('statSync'),
  fileURLToPath = no('fileURLToPath'), tmpdir = no('tmpdir'), execFileSync = no('execFileSync'), spawnSync = no('spawnSync'), spawn = no('spawn');
export class StringDecoder { constructor() { no('StringDecoder')(); } }
// The checker's heap guard asks V8 for its limit; the page has none to report.
export const getHeapStatistics = () => ({ heap_size_limit: Number.MAX_SAFE_INTEGER });
export default {};`,
      loader: 'js',
    }));
  },
});

const entry = (name: string): string => fileURLToPath(new URL(`./app/${name}.ts`, import.meta.url));

async function bundleOne(name: string, files: Record<string, string>): Promise<string> {
  const r = await build({
    entryPoints: [entry(name)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    // Machine diagrams print combined guards by their functions' names (and, or, not): bundling must not rename them.
    keepNames: true,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [nodeStubs(files)],
  });
  return r.outputFiles[0]!.text;
}

/** Bundles the page and its worker from the model's own sources, in memory (nothing is fetched). */
export async function bundleUi(): Promise<UiBundle> {
  const files = shippedFiles();
  const [app, worker] = await Promise.all([bundleOne('main', files), bundleOne('worker', files)]);
  return { app, worker };
}
