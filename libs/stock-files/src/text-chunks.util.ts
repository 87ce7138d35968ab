import type { Readable } from 'node:stream';

/** Where an import reads from: a stream (a file, standard input, an upload) or text chunks. */
export type StockFileSource = Readable | AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>;

/**
 * The source as text: bytes are decoded as UTF-8 across chunk boundaries (a leading byte order
 * mark is dropped; bytes that are not UTF-8 become U+FFFD), strings pass as they are.
 */
export async function* textChunks(source: StockFileSource): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8');
  let first = true;
  for await (const chunk of source as AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>) {
    let text = typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true });
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}
