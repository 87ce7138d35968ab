import type { Server } from 'node:http';
import type { Socket } from 'node:net';
import { HttpErrorCodes } from '@tally/vendor-kit';
import { problemOf } from './problem/problem-details.model';

/** How long a refused socket may take to read its answer and close before it is cut. */
const REFUSED_SOCKET_GRACE_MS = 2_000;

/**
 * Caps the sockets one peer address holds open at once (MAX_CONNECTIONS_PER_ADDRESS; 0 turns
 * the cap off): a socket over the cap never reaches the HTTP server, so not a byte of it is
 * parsed and one client cannot take every socket and the memory behind them. It is answered a
 * fixed 503 with `Retry-After` and closed, so a client whose pool outgrew the cap reads why
 * rather than a reset that leaves it guessing whether its write applied. The answer cannot be in
 * the caller's dialect: the path is not read. The address is the socket's peer, not the client
 * a trusted proxy names: a connection is counted before any header arrives. Behind a proxy, the
 * proxy is that peer, so the cap must cover its connection pool.
 */
export function capConnectionsPerAddress(server: Server, max: number): void {
  if (max <= 0) return;
  const open = new Map<string, number>();
  // The HTTP server's own listeners (its parser) run only for sockets under the cap.
  const serve = server.listeners('connection') as ((socket: Socket) => void)[];
  server.removeAllListeners('connection');
  server.on('connection', (socket: Socket) => {
    const address = socket.remoteAddress ?? '';
    const count = open.get(address) ?? 0;
    if (count >= max) {
      refuse(socket, max);
      return;
    }
    open.set(address, count + 1);
    socket.once('close', () => {
      const left = (open.get(address) ?? 1) - 1;
      if (left > 0) open.set(address, left);
      else open.delete(address);
    });
    for (const listener of serve) listener.call(server, socket);
  });
}

function refuse(socket: Socket, max: number): void {
  const body = JSON.stringify(
    problemOf(
      503,
      HttpErrorCodes.unavailable,
      `this address already holds ${max} connections to Tally (MAX_CONNECTIONS_PER_ADDRESS): reuse them, or retry once one has closed`,
    ),
  );
  socket.on('error', () => undefined);
  // What the client sends is read and dropped: closing with unread bytes would reset the socket
  // and could discard the answer before the client reads it.
  socket.resume();
  socket.end(
    `HTTP/1.1 503 Service Unavailable\r\ncontent-type: application/problem+json\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
  );
  setTimeout(() => socket.destroy(), REFUSED_SOCKET_GRACE_MS).unref();
}
