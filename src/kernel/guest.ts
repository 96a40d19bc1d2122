import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';

/** What the guest printed for one scenario. */
export interface GuestScenario {
  readonly name: string;
  readonly log: string[];
  /** @@META lines: [when, netdev, ifindex, mtu, mac, enslaved|released|absent]. */
  readonly meta: string[][];
  /** The parent's ports file at the end: NETDEV key=value ... (tx, rx, parent_tx_dropped, rx_dropped). */
  readonly ports: string[][];
  ping: { tx: number; rx: number; longestGapPackets: number; lostSeqs: number[] } | null;
  toolExit: number[];
  error: string | null;
  done: boolean;
}

/** What one boot returned. */
export interface GuestRun {
  readonly kernel: string;
  readonly scenarios: GuestScenario[];
  readonly seconds: number;
}

/**
 * Boots the guest once (TCG, no NIC, serial console on stdio) and collects the
 * "@@" lines of guest-init.sh; the whole console goes to consoleLog. Two CPUs:
 * a transmit held in a child's code on one while the other unloads the child.
 */
export function bootGuest(kernel: string, initrd: string, consoleLog: string, timeoutS: number, verbose: boolean): Promise<GuestRun> {
  const args = [
    '-accel', 'tcg', '-M', 'pc', '-m', '768M', '-smp', '2',
    '-nodefaults', '-no-user-config', '-nic', 'none', '-display', 'none', '-vga', 'none',
    '-serial', 'stdio', '-monitor', 'none', '-no-reboot',
    '-kernel', kernel, '-initrd', initrd,
    '-append', 'console=ttyS0 panic=-1 loglevel=1 rdinit=/init quiet log_buf_len=4M',
  ];
  const t0 = Date.now();
  return new Promise((resolve, reject) => {
    const qemu = spawn('qemu-system-x86_64', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const out = createWriteStream(consoleLog);
    const scenarios: GuestScenario[] = [];
    let kver = '';
    let done = false;
    let fatal: string | null = null;
    let buf = '';
    const timer = setTimeout(() => { fatal = `timeout: the guest did not finish within ${timeoutS} s`; qemu.kill('SIGKILL'); }, timeoutS * 1000);
    const onLine = (line: string): void => {
      if (verbose) process.stderr.write(`  | ${line}\n`);
      if (!line.startsWith('@@')) return;
      const [tag, ...rest] = line.split(' ');
      const cur = scenarios.at(-1);
      switch (tag) {
        case '@@KERNEL': kver = rest.join(' '); break;
        case '@@FATAL': fatal = rest.join(' '); break;
        case '@@SCEN': scenarios.push({ name: rest[1]!, log: [], meta: [], ports: [], ping: null, toolExit: [], error: null, done: false }); break;
        case '@@LOG': cur?.log.push(rest.slice(1).join(' ')); break;
        case '@@META': cur?.meta.push(rest.slice(1)); break;
        case '@@PORTS': cur?.ports.push(rest.slice(1)); break;
        case '@@PING': if (cur) cur.ping = { tx: Number(rest[1]), rx: Number(rest[2]), longestGapPackets: Number(rest[3]), lostSeqs: rest.slice(4).map(Number) }; break;
        case '@@TOOL': cur?.toolExit.push(Number(rest[1])); break;
        case '@@ERR': if (cur) cur.error = rest.slice(1).join(' '); break;
        case '@@END': if (cur) cur.done = true; break;
        case '@@DONE': done = true; break;
        default: break;
      }
    };
    qemu.stdout.on('data', (d: Buffer) => {
      out.write(d);
      buf += d.toString('latin1');
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        onLine(buf.slice(0, i).replace(/\r$/, ''));
        buf = buf.slice(i + 1);
      }
    });
    let stderr = '';
    qemu.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
    qemu.on('error', (e) => { clearTimeout(timer); reject(new Error(`cannot start qemu-system-x86_64: ${e.message} (run scripts/kernel-vm/setup.sh)`)); });
    qemu.on('exit', () => {
      clearTimeout(timer);
      out.end();
      if (fatal) reject(new Error(`${fatal} (console: ${consoleLog})`));
      else if (!done) reject(new Error(`the guest stopped before finishing (console: ${consoleLog}) ${stderr.trim()}`));
      else resolve({ kernel: kver, scenarios, seconds: (Date.now() - t0) / 1000 });
    });
  });
}
