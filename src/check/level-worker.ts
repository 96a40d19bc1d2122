import { parentPort, receiveMessageOnPort, workerData, type MessagePort } from 'node:worker_threads';
import type { FromWorker, LevelSearchSetup, PeerMessage, ToWorker } from './level-protocol.js';
import { LevelSearch, type PeerLink } from './level-search.js';

/** The body of one worker thread of a parallel check: it answers the coordinator's requests in order. */
const data = workerData as { setup: LevelSearchSetup; control: SharedArrayBuffer; ports: (MessagePort | null)[] };
const reply = (m: FromWorker): void => parentPort!.postMessage(m);
const link = (p: MessagePort | null): PeerLink | null =>
  p && {
    post: (m: PeerMessage, transfer: ArrayBuffer[]) => p.postMessage(m, transfer),
    poll: () => receiveMessageOnPort(p)?.message as PeerMessage | undefined,
  };

function failed(e: unknown): void {
  const err = e instanceof Error ? e : new Error(String(e));
  reply({ type: 'error', message: `${err.name}: ${err.message}`, stack: err.stack ?? '' });
}

let search: LevelSearch | null = null;
try {
  search = new LevelSearch(data.setup, new Int32Array(data.control), data.ports.map(link));
} catch (e) {
  failed(e);
}

parentPort!.on('message', (m: ToWorker) => {
  if (!search) return;
  try {
    switch (m.type) {
      case 'ready?':
        return reply({ type: 'ready' });
      case 'expand':
        return reply(search.expand(m.level, m.levelStart));
      case 'commit':
        return reply(search.commit(m.globals, m.full));
      case 'count-below':
        return reply(search.countBelow(m.key, m.level));
      case 'locate':
        return reply(search.locate(m.global));
      case 'gather': {
        const g = search.gather();
        if (g.type !== 'gathered') return reply(g);
        return parentPort!.postMessage(g, [g.globals.buffer as ArrayBuffer, ...g.batches.flatMap((b) => [b.vectors.buffer as ArrayBuffer, b.keys.buffer as ArrayBuffer])]);
      }
      case 'finish':
        return reply(search.finish());
    }
  } catch (e) {
    failed(e);
  }
});
