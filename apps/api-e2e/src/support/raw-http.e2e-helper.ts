import { connect, type Socket } from 'node:net';

/** A raw HTTP/1.1 exchange: the test decides how much of the request to send, and when. */
export interface RawExchange {
  readonly socket: Socket;
  /** Everything the server sent, once it closed the socket. */
  readonly closed: Promise<string>;
  /** The first answer, once its head and Content-Length bytes of body arrived (or the socket closed). */
  readonly answer: Promise<{ status: number; head: string; body: string }>;
}

/** Opens a socket to the server of `baseUrl` (from `localAddress` when given) and sends `head` and `body` on it. */
export async function rawExchange(baseUrl: string, head: string, body = '', localAddress?: string): Promise<RawExchange> {
  const url = new URL(baseUrl);
  const socket = connect({ host: url.hostname, port: Number(url.port), ...(localAddress ? { localAddress } : {}) });
  let received = '';
  let settleAnswer: () => void = () => undefined;
  const closed = new Promise<string>((resolve) => socket.once('close', () => resolve(received)));
  const answer = new Promise<{ status: number; head: string; body: string }>((resolve) => {
    settleAnswer = () => {
      const end = received.indexOf('\r\n\r\n');
      if (end < 0) return;
      const answerHead = received.slice(0, end);
      const length = Number(/\r\ncontent-length:\s*(\d+)/i.exec(answerHead)?.[1] ?? 0);
      const answerBody = received.slice(end + 4);
      if (Buffer.byteLength(answerBody) < length) return;
      resolve({ status: Number(answerHead.split(' ')[1]), head: answerHead, body: answerBody });
    };
    socket.once('close', () => resolve({ status: 0, head: '', body: received }));
  });
  socket.on('data', (chunk: Buffer) => {
    received += chunk.toString('utf8');
    settleAnswer();
  });
  socket.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  socket.write(head + body);
  return { socket, closed, answer };
}

/** The head of a request: its line, a Host and the given headers, and the blank line. */
export function requestHead(method: string, path: string, headers: Record<string, string | number>): string {
  const lines = Object.entries(headers).map(([name, value]) => `${name}: ${value}`);
  return [`${method} ${path} HTTP/1.1`, 'host: tally.test', ...lines, '', ''].join('\r\n');
}
