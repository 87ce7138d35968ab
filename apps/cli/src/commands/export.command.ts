import { createWriteStream, existsSync, renameSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import { exportStock } from '@tally/stock-files';
import { CliError, CliErrorCodes, ExitCodes } from '../cli.error';
import type { CliCommand } from '../cli-command';
import { withAdminContext } from '../platform/admin.context';
import { stockExporter } from '../stock/stock-files.context';
import { stockFileFormatOf } from '../stock/stock-file.options';
import { tenantOf } from './key-role.option';

/** `tally export FILE --tenant ID`: every level of a tenant, streamed to a stock file. */
export const exportCommand: CliCommand = {
  name: 'export',
  summary: "write a tenant's stock levels to a stock file (CSV or NDJSON), or to standard output",
  fields: { tenantId: '--tenant' },
  positionals: ['FILE'],
  options: { tenant: { type: 'string' }, format: { type: 'string' }, force: { type: 'boolean' } },
  help: [
    'Writes every present level of the tenant, item by item, in the format `tally import` reads',
    '(import it into another tenant or database to copy the stock). FILE "-" writes to standard',
    'output. The file is written beside its name and renamed once complete.',
    '',
    'Options:',
    '  --tenant ID           the tenant to read (required)',
    '  --format csv|ndjson   the file format (default: from the extension; required with "-")',
    '  --force               overwrite FILE if it exists',
  ].join('\n'),
  async run({ args, options }, io) {
    const tenantId = tenantOf(options['tenant'] as string | undefined);
    const toStdout = args['FILE'] === '-';
    const file = toStdout ? '-' : resolve(args['FILE']);
    const format = stockFileFormatOf(file, options['format'] as string | undefined);
    if (!toStdout && existsSync(file) && !options['force']) throw new CliError(CliErrorCodes.fileExists, `${file} exists: add --force to overwrite it`);
    const levels = await withAdminContext(io, async (context) => {
      await context.persistence.tenants.get(tenantId).then((tenant) => {
        if (!tenant) throw new CliError(CliErrorCodes.noTenant, `--tenant: no tenant ${tenantId}`);
      });
      if (toStdout) return (await exportStock(stockExporter(context), tenantId, format, process.stdout)).levels;
      const partial = `${file}.partial`;
      const sink = createWriteStream(partial);
      try {
        const report = await exportStock(stockExporter(context), tenantId, format, sink);
        sink.end();
        await finished(sink);
        renameSync(partial, file);
        return report.levels;
      } catch (error) {
        sink.destroy();
        rmSync(partial, { force: true });
        throw error;
      }
    });
    io.err(`${levels} level(s) exported${toStdout ? '' : ` to ${file}`}`);
    return ExitCodes.ok;
  },
};
