import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

describe('hotup ui', () => {
  it('serves the page and its two scripts on the port asked for, prints the URL, and stops on SIGTERM', async () => {
    const child = spawn(process.execPath, ['bin/hotup.js', 'ui', '--port', '0', '--no-open'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d: Buffer) => {
          out += d.toString();
          const m = /hotup ui: (http:\/\/127\.0\.0\.1:\d+\/)/.exec(out);
          if (m) resolve(m[1]!);
        });
        child.on('exit', (code) => reject(new Error(`hotup ui exited (${code}) before printing its URL: ${out}`)));
      });
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<script type="module" src="app.js">');
      for (const js of ['app.js', 'worker.js']) {
        const r = await fetch(new URL(js, url));
        expect(r.headers.get('content-type')).toContain('javascript');
        // The bundle carries the model: the machines' own ids are in it.
        expect(await r.text()).toContain("id: \"bond\"");
      }
      expect((await fetch(new URL('../../package.json', url))).status).toBe(404);
      const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);

  it('refuses a port in use with exit 2 and says how to pick a free one', async () => {
    const blocker = createServer();
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const r = spawnSync(process.execPath, ['bin/hotup.js', 'ui', '--port', String(port), '--no-open'], { encoding: 'utf8', timeout: 20_000 });
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`cannot listen on port ${port} (EADDRINUSE)`);
      expect(r.stderr).toContain('--port 0');
    } finally {
      blocker.close();
    }
  }, 30_000);
});
