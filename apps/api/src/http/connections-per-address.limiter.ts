import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/**
 * Caps the sockets one peer address holds open at once (MAX_CONNECTIONS_PER_ADDRESS; 0 turns
 * the cap off): a socket over the cap is closed as it opens, before a byte of it is read, so one
 * client cannot take every socket and the memory behind them. The address is the socket's peer,
 * not the client a trusted proxy names: a connection is counted before any header arrives.
 * Behind a proxy, the proxy is that peer, so the cap must cover its connection pool.
 */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  // Runs before the HTTP server's own listener, so a refused socket is never parsed.
  server.prependListener('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      socket.destroy();
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
  });
}
