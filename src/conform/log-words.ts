import { indexOfName } from '../model/trace-event.js';
import type { Renaming } from './renaming.js';

const show = (v: unknown): string => (typeof v === 'string' ? v : String(v));

/**
 * The model's text in the log's own words: model names (N1, C1, S1, the
 * model's sub-device names `hotup.c1eth.0`) become the implementation's
 * names from the header, and ifindexes, versions and MAC numbers the values
 * the log used for them (the renaming learned along the trace). A name or
 * value the log never gave stays the model's.
 */
export class LogWords {
  private readonly own = new Map<string, string>();

  constructor(
    names: ReadonlyMap<string, string>,
    private readonly ren: Renaming,
  ) {
    for (const [implementation, model] of names) if (!this.own.has(model)) this.own.set(model, implementation);
  }

  private name(model: string): string {
    return this.own.get(model) ?? model;
  }

  private value(scope: string, model: string): string {
    const v = this.ren.loggedOf(scope, Number(model));
    return v === undefined ? model : show(v);
  }

  /** One line of the model's text, in the log's words. */
  line(text: string): string {
    // MAC numbers are per netdev: the netdev the line speaks of is the nearest model netdev name before the number.
    let out = text.replace(/\b(mac=|address #)(\d+)/g, (all, lead: string, n: string, at: number) => {
      const netdev = [...text.slice(0, at).matchAll(/\bN[1-9][0-9]*\b/g)].at(-1)?.[0];
      if (!netdev) return all;
      const v = this.value(`mac:${netdev}`, n);
      return v === n ? all : `${lead === 'mac=' ? 'mac=' : 'address '}${v}`;
    });
    out = out.replace(/\b(ifindex[ =])(\d+)/g, (_, lead: string, n: string) => `${lead}${this.value('ifindex', n)}`);
    out = out.replace(/\b(version[ =])(\d+)\b/g, (_, lead: string, n: string) => `${lead}${this.value('version', n)}`);
    out = out.replace(/\bv(\d+)\b/g, (all, n: string) => {
      const v = this.value('version', n);
      return v === n ? all : `version ${v}`;
    });
    out = out.replace(/\bhotup\.c([1-9][0-9]*)eth\.(\d+)\b/g, (all, _c: string, i: string) => {
      const s = `S${Number(i) + 1}`;
      return this.own.has(s) ? this.name(s) : all;
    });
    return out.replace(/\b([NCS][1-9][0-9]*)\b/g, (m) => (indexOfName(m, m[0] as 'N' | 'C' | 'S') === null ? m : this.name(m)));
  }

  /** Each line in the log's words. */
  lines(texts: readonly string[]): string[] {
    return texts.map((t) => this.line(t));
  }
}
