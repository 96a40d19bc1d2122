import { moduleState, type SystemState } from '../../model/state.js';
import { childName, netdevName, type Topology } from '../../topology/topology.js';
import { esc } from './dom.js';

const S = (i: number): string => `S${i + 1}`;
const on = (b: boolean): string => (b ? 'on' : 'off');

/**
 * The topology as boxes in the kernel's layers, each showing its live state:
 * the upgrade tool's phase; bond0's carrier and active slave; each netdev
 * (in name order) with its carrier, who serves its ops, MTU, MAC, admin
 * state, the MII status the bond sees and the packets in flight on it; each
 * child module with its version and sub-devices; the parent. Boxes carry
 * data attributes so the page's tests read the state as drawn.
 */
export function topologyHtml(t: Topology, s: SystemState, changed: ReadonlySet<string>): string {
  const hot = (name: string): string => ([...changed].some((k) => k.startsWith(`${name}.`)) ? ' changed' : '');
  const tool = s.tool.context;
  const b = s.bond.context;
  const inFlight = s.traffic.context.inFlight;
  const netdev = (i: number): string => {
    const n = s.netdevs[i]!;
    const c = n.context;
    const name = netdevName(i);
    const sl = b.slaves[i]!;
    const mii = sl.enslaved ? sl.link : 'released';
    const ops = c.ops === 'parent' ? 'parent' : `${childName(c.ops)} v${s.children[c.ops]!.context.version}`;
    const packets = inFlight.filter((x) => x.netdev === i).map((x) => `<span class="packet" title="a transmit in ${childName(x.holder)}'s code">pkt via ${childName(x.holder)}</span>`);
    const registered = n.value === 'registered';
    return `<div class="box netdev carrier-${on(c.carrier)}${b.active === i ? ' active-slave' : ''}${hot(name)}" data-netdev="${name}" data-carrier="${on(c.carrier)}" data-ops="${esc(ops)}" data-mii="${mii}">
<b>${name}</b>${b.active === i ? ' <span class="tag">active slave</span>' : ''}${registered ? ` <small>ifindex ${c.ifindex}</small>` : ' <span class="tag bad">unregistered</span>'}
<div>carrier <b class="carrier">${on(c.carrier)}</b>; ops: <b class="ops">${esc(ops)}</b></div>
<div>mtu ${c.config.mtu}, mac ${c.config.mac}, ${c.config.adminUp ? 'up' : 'down'}</div>
<div>bond sees MII <b class="mii mii-${mii}">${mii}</b></div>
<div class="packets">${packets.join(' ')}</div></div>`;
  };
  const child = (k: number): string => {
    const c = s.children[k]!.context;
    const name = childName(k);
    const state = moduleState(s, k);
    const subs = c.subdevs.map((i, j) => `${S(i)} ${c.status[j]}`).join(', ');
    return `<div class="box child module-${state}${hot(name)}" data-child="${name}" data-state="${state}"><b>${name}</b> <span class="state">${state}</span> v${c.version}<div><small>${esc(subs)}</small></div></div>`;
  };
  const phase = `${String(s.tool.value)}${tool.current === null ? '' : ` (${childName(tool.current)})`}`;
  return `<div class="layer"><span class="layer-name">user space</span>
<div class="box tool${hot('tool')}" id="topo-tool" data-phase="${esc(String(s.tool.value))}"><b>upgrade tool</b>: <span class="phase">${esc(phase)}</span>${tool.report ? `<div><small>${esc(tool.report)}</small></div>` : ''}</div></div>
<div class="layer"><span class="layer-name">bond</span>
<div class="box bond carrier-${on(s.bond.value === 'carrier')}${hot('bond0')}" id="topo-bond" data-active="${b.active === null ? 'none' : netdevName(b.active)}"><b>bond0</b> ${b.mode}; carrier <b>${on(s.bond.value === 'carrier')}</b>; active slave <b class="active">${b.active === null ? 'none' : netdevName(b.active)}</b>${inFlight.length ? `; ${inFlight.length} in flight` : ''}</div></div>
<div class="layer"><span class="layer-name">netdevs</span>${Array.from({ length: t.netdevs }, (_, i) => netdev(i)).join('')}</div>
<div class="layer"><span class="layer-name">child drivers</span>${Array.from({ length: t.children }, (_, k) => child(k)).join('')}</div>
<div class="layer"><span class="layer-name">PCI bus</span><div class="box parent${hot('parent')}" id="topo-parent"><b>parent driver</b> ${esc(String(s.parent.value))}</div></div>`;
}
