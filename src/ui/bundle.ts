import { build, type Plugin } from 'esbuild';
import { fileURLToPath } from 'node:url';

/** The browser's scripts: the page's and the search worker's. */
export interface UiBundle {
  readonly app: string;
  readonly worker: string;
}

/**
 * Node built-ins that modules the page shares with the command line import
 * for reading and writing files. The page never calls those functions, so in
 * the bundle each is a module whose exports throw when used.
 */
const nodeStubs: Plugin = {
  name: 'node-stubs',
  setup(b) {
    b.onResolve({ filter: /^node:|^(fs|path|url|string_decoder|os|child_process)$/ }, (a) => ({ path: a.path.replace(/^node:/, ''), namespace: 'node-stub' }));
    b.onLoad({ filter: /.*/, namespace: 'node-stub' }, (a) => ({
      contents: `const no = (name) => () => { throw new Error('node:${a.path} ' + name + ' is not available in the browser'); };
export const readFileSync = no('readFileSync'), writeFileSync = no('writeFileSync'), renameSync = no('renameSync'), mkdirSync = no('mkdirSync'),
  existsSync = no('existsSync'), createReadStream = no('createReadStream'), readdirSync = no('readdirSync'), statSync = no('statSync'),
  join = no('join'), dirname = no('dirname'), resolve = no('resolve'), basename = no('basename'), fileURLToPath = no('fileURLToPath'),
  tmpdir = no('tmpdir'), execFileSync = no('execFileSync'), spawnSync = no('spawnSync');
export class StringDecoder { constructor() { no('StringDecoder')(); } }
export default {};`,
      loader: 'js',
    }));
  },
};

const entry = (name: string): string => fileURLToPath(new URL(`./app/${name}.ts`, import.meta.url));

async function bundleOne(name: string): Promise<string> {
  const r = await build({
    entryPoints: [entry(name)],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    minify: false,
    sourcemap: false,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [nodeStubs],
  });
  return r.outputFiles[0]!.text;
}

/** Bundles the page and its worker from the model's own sources, in memory (nothing is fetched). */
export async function bundleUi(): Promise<UiBundle> {
  const [app, worker] = await Promise.all([bundleOne('main'), bundleOne('worker')]);
  return { app, worker };
}
