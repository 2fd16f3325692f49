import type { WatchClientMessage, WatchServerMessage } from '@bokujo/shared';
import type { SocketLike } from './watch-socket';

/**
 * Plays the server's side of a watch socket in tests: records what the client sent and answers
 * on demand. `install()` puts it in place of the browser's WebSocket for the tab's shared socket.
 */
export class FakeSocket implements SocketLike {
  static readonly opened: FakeSocket[] = [];

  static install(stub: (name: string, value: unknown) => void) {
    // The tab's socket outlives a test by its linger time: end the previous test's for good.
    for (const socket of FakeSocket.opened) if (!socket.closed) socket.drop();
    FakeSocket.opened.length = 0;
    stub('WebSocket', FakeSocket);
  }

  /** The socket the page opened last, which must be open. */
  static get current(): FakeSocket {
    const socket = FakeSocket.opened.at(-1);
    if (!socket) throw new Error('the page opened no watch socket');
    return socket;
  }

  readyState = 0;
  sent: WatchClientMessage[] = [];
  closed = false;
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly url: string;

  constructor(url: string) {
    this.url = url;
    FakeSocket.opened.push(this);
  }
  send(data: string) {
    this.sent.push(JSON.parse(data) as WatchClientMessage);
  }
  close() {
    this.closed = true;
    this.readyState = 3;
  }
  open() {
    this.readyState = 1;
    this.onopen?.(new Event('open'));
  }
  answer(message: WatchServerMessage) {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(message) }));
  }
  drop() {
    this.readyState = 3;
    this.onclose?.(new CloseEvent('close', { code: 1006 }));
  }
  /** The live subscriptions the client asked for, by what they follow. */
  get subscriptions() {
    const live = new Map<string, Extract<WatchClientMessage, { type: 'subscribe' }>>();
    for (const message of this.sent) {
      if (message.type === 'subscribe') live.set(message.id, message);
      else live.delete(message.id);
    }
    return [...live.values()];
  }
}
