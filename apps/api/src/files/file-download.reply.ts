import { PassThrough, type Writable } from 'node:stream';
import type { Logger } from '@nestjs/common';
import type { StockFileFormat } from '@tally/stock-files';
import type { FastifyReply } from 'fastify';

/** The media type of each file format the API streams. */
export const FILE_CONTENT_TYPES: Readonly<Record<StockFileFormat, string>> = { csv: 'text/csv; charset=utf-8', ndjson: 'application/x-ndjson; charset=utf-8' };

/**
 * Answers 200 with a file (`<name>-<day>.<format>`, an attachment) that `write` fills as it
 * reads, so the file is never held whole. The status is sent before the first line: a failure
 * part way can only cut the file short (the client sees the broken transfer), and is logged.
 */
export function sendFileDownload(
  reply: FastifyReply,
  download: { readonly name: string; readonly format: StockFileFormat; readonly logger: Logger; readonly what: string },
  write: (sink: Writable) => Promise<unknown>,
): void {
  const body = new PassThrough();
  const day = new Date().toISOString().slice(0, 10);
  void reply
    .header('content-type', FILE_CONTENT_TYPES[download.format])
    .header('content-disposition', `attachment; filename="${download.name}-${day}.${download.format}"`)
    .header('cache-control', 'no-store')
    .send(body);
  write(body).then(
    () => body.end(),
    (error: unknown) => {
      download.logger.error(`${download.what} failed: ${(error as Error).message}`);
      body.destroy(error as Error);
    },
  );
}
