import { describe, expect, it } from 'vitest';
import type { Message } from '../../../machines/messages.js';
import { LogTree } from './log-tree.js';

const messages: Message[] = [
  { to: 'tool', event: { type: 'notification', child: 0, channel: 'netlink' } },
  { to: 'netdev', index: 0, event: { type: 'carrierOn' } },
  { to: 'tool', event: { type: 'notification', child: 1, channel: 'netlink' } },
];

describe('log tree', () => {
  const logs = new LogTree(messages);
  const of = (...ids: number[]): number => ids.reduce((log, m) => logs.append(log, m), LogTree.EMPTY);

  it('numbers equal logs alike and keeps their messages in order', () => {
    expect(of(0, 1)).toBe(of(0, 1));
    expect(of(0, 1)).not.toBe(of(1, 0));
    expect(logs.messagesOf(of(1, 0))).toEqual([messages[1], messages[0]]);
  });

  it('numbers what a filter keeps: equal exactly when the kept messages are', () => {
    const notifications = logs.filterId('tool', 'notification');
    expect(logs.filterId('tool', 'notification')).toBe(notifications);
    expect(logs.filteredId(notifications, of(0))).toBe(logs.filteredId(notifications, of(0, 1)));
    expect(logs.filteredId(notifications, of(1))).toBe(logs.filteredId(notifications, LogTree.EMPTY));
    expect(logs.filteredId(notifications, of(0))).not.toBe(logs.filteredId(notifications, of(2)));
    expect(logs.filteredId(notifications, of(0, 2))).not.toBe(logs.filteredId(notifications, of(2, 0)));
  });
});
