import { createReadStream, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { Transform } from 'node:stream';
import type { ImportReport } from '@tally/inventory-application';
import { importStock } from '@tally/stock-files';
import { ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import type { CliIo } from '../cli.io';
import { progressBar } from '../output/progress.bar';
import { withAdminContext } from '../platform/admin.context';
import { stockImporter } from '../stock/stock-files.context';
import { locationKindOf, stockFileFormatOf } from '../stock/stock-file.options';
import { tenantOf } from './key-role.option';

/** Who an import is recorded as, in the ledger. */
const CLI_ACTOR = 'cli:import';

/** `tally import FILE --tenant ID`: a stock file applied through the batch use case, streamed. */
export const importCommand: CliCommand = {
  name: 'import',
  summary: 'apply a stock file (CSV or NDJSON) to a tenant, line by line; --dry-run changes nothing',
  fields: { tenantId: '--tenant', connectionId: '--connection', header: 'FILE (its header line)' },
  positionals: ['FILE'],
  options: {
    tenant: { type: 'string' },
    format: { type: 'string' },
    'dry-run': { type: 'boolean' },
    connection: { type: 'string' },
    'create-items': { type: 'boolean' },
    'create-locations': { type: 'string' },
  },
  help: [
    'Reads FILE as it goes (any size) and applies its lines in chunks of 1,000 through the same',
    'batch write the API uses: every change is in the ledger (actor "cli:import", reference the',
    "file's name). A bad line is reported with its line number, field and problem, and the good",
    'lines around it are applied. The columns are those of the canonical batch line (see the',
    'stock files README); `tally export` writes the same format.',
    '',
    'Options:',
    '  --tenant ID                the tenant to write to (required)',
    '  --format csv|ndjson        the file format (default: from the extension: .csv, .ndjson, .jsonl)',
    '  --dry-run                  check and reconcile every line, report, and write nothing',
    '  --connection ID            report as this connection (its unknown-item policy applies)',
    '  --create-items             create items no identifier names yet (else such lines are rejected,',
    "                             unless the connection's policy creates them)",
    '  --create-locations KIND    create unknown location codes as KIND (warehouse, store, ...)',
    '',
    'Exit codes: 0 every line applied, unchanged or observed; 1 some line was rejected (reported).',
  ].join('\n'),
  async run({ args, options }, io) {
    const tenantId = tenantOf(options['tenant'] as string | undefined);
    const file = resolve(args['FILE']);
    const format = stockFileFormatOf(file, options['format'] as string | undefined);
    const createLocationsAs = locationKindOf(options['create-locations'] as string | undefined);
    const dryRun = options['dry-run'] === true;
    const size = statSync(file).size;
    const report = await withAdminContext(io, async (context) => {
      const bar = progressBar(io, dryRun ? 'checking' : 'importing', 'bytes');
      let read = 0;
      const counted = createReadStream(file).pipe(
        new Transform({
          transform(chunk: Buffer, _encoding, done) {
            read += chunk.length;
            done(null, chunk);
          },
        }),
      );
      try {
        return await importStock(
          stockImporter(context),
          counted,
          {
            tenantId,
            format,
            dryRun,
            actor: CLI_ACTOR,
            reference: basename(file),
            ...(options['connection'] === undefined ? {} : { connectionId: options['connection'] as string }),
            ...(options['create-items'] ? { unknownItemPolicy: 'create' as const } : {}),
            ...(createLocationsAs ? { createLocationsAs } : {}),
          },
          () => bar.update(read, size),
        );
      } finally {
        bar.stop();
      }
    });
    printReport(report, io);
    return report.counts.rejected > 0 ? ExitCodes.failed : ExitCodes.ok;
  },
};

function printReport(report: ImportReport, io: CliIo): void {
  for (const problem of report.problems) io.out(`line ${problem.lineNo}: ${problem.field}: ${problem.message} [${problem.code}]`);
  if (report.problemsOmitted > 0) io.out(`… and ${report.problemsOmitted} more line(s) not listed`);
  const counts = Object.entries(report.counts)
    .filter(([, n]) => n > 0)
    .map(([status, n]) => `${n} ${status}`)
    .join(', ');
  io.out(`${report.dryRun ? 'dry run: ' : ''}${report.linesRead} line(s) read: ${counts || 'nothing to do'}${report.dryRun ? ' (nothing was written)' : ''}`);
}
