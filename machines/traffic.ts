import { assign, setup } from 'xstate';
import type { DropReason, Message, OpsHolder } from './messages.js';

/** A transmit that has read a netdev's live table and not yet run its code. */
export interface InFlightXmit {
  readonly netdev: number;
  readonly holder: Exclude<OpsHolder, 'parent'>;
  readonly flow: number;
}

/** Context of the traffic source: the transmits in flight. */
export interface TrafficContext {
  readonly maxInFlight: number;
  readonly inFlight: readonly InFlightXmit[];
}

/** Events of the traffic source: begin/end of a transmit, and what the kernel answers. */
export type TrafficEvent =
  | { type: 'send'; flow: number }
  | { type: 'complete' }
  | { type: 'viaSlave'; slave: number; flow: number }
  | { type: 'queued'; netdev: number; holder: Exclude<OpsHolder, 'parent'>; flow: number }
  | { type: 'dropped'; reason: DropReason }
  | { type: 'processed'; netdev: number; child: number; version: number }
  | { type: 'oops'; netdev: number; child: number };

/** Input of the traffic source. */
export interface TrafficInput {
  readonly maxInFlight: number;
}

/**
 * Packets handed to the bond. A transmit begins (`send`: the bond picks a
 * slave, the slave's live table is read under RCU) and ends later (`complete`:
 * the code behind that table runs), so unloads can interleave with it.
 */
export const trafficMachine = setup({
  types: {
    context: {} as TrafficContext,
    events: {} as TrafficEvent,
    input: {} as TrafficInput,
  },
  actions: {
    /** dev_queue_xmit() on bond0. */
    handToBond: (_, _messages: Message[]) => {},
    /** The bond hands the packet to the slave netdev. */
    handToSlave: (_, _messages: Message[]) => {},
    /** ndo_start_xmit() runs the code behind the table read at begin. */
    runNdo: (_, _messages: Message[]) => {},
  },
  guards: {
    roomInFlight: ({ context }) => context.inFlight.length < context.maxInFlight,
    callInFlight: ({ context }) => context.inFlight.length > 0,
  },
}).createMachine({
  id: 'traffic',
  // The patent claims this machine takes part in (requirements, as XState's coverage tools read them): a netdev's traffic is processed by the child that binds its sub-device (claims 4, 10).
  meta: { claims: [4, 10] },
  context: ({ input }) => ({ maxInFlight: input.maxInFlight, inFlight: [] }),
  on: {
    send: {
      guard: 'roomInFlight',
      actions: { type: 'handToBond', params: ({ event }) => [{ to: 'bond', event: { type: 'xmit', flow: event.flow } }] },
    },
    viaSlave: {
      actions: {
        type: 'handToSlave',
        params: ({ event }) => [{ to: 'netdev', index: event.slave, event: { type: 'xmit', flow: event.flow } }],
      },
    },
    queued: {
      actions: assign(({ context, event }) => ({
        inFlight: [...context.inFlight, { netdev: event.netdev, holder: event.holder, flow: event.flow }],
      })),
    },
    complete: {
      guard: 'callInFlight',
      actions: [
        {
          type: 'runNdo',
          params: ({ context }): Message[] => {
            const x = context.inFlight[0]!;
            return [{ to: 'child', index: x.holder, event: { type: 'ndoStartXmit', netdev: x.netdev } }];
          },
        },
        assign(({ context }) => ({ inFlight: context.inFlight.slice(1) })),
      ],
    },
  },
});
