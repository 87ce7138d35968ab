/**
 * A separate writer process for the multi-process concurrency spec: opens its own persistence
 * on the database given in TALLY_WORKER (JSON), applies +1 batches and exits.
 */
import { createPersistence } from '../persistence.factory';
import { adjustLine, applyLines } from '../persistence-test.spec-helper';

interface WorkerInput {
  url: string;
  tenantId: string;
  places: { itemId: string; locationId: string }[];
  writers: number;
  batches: number;
}

async function main(): Promise<void> {
  const input = JSON.parse(process.env['TALLY_WORKER'] ?? '{}') as WorkerInput;
  const p = await createPersistence(input.url, { migrate: false });
  try {
    await Promise.all(
      Array.from({ length: input.writers }, async (_, w) => {
        for (let b = 0; b < input.batches; b++) {
          const order = input.places.map((_, n) => input.places[(n + w + b) % input.places.length]);
          await applyLines(
            p,
            input.tenantId,
            order.map((k, n) => adjustLine(n + 1, k.itemId, k.locationId, 1)),
          );
        }
      }),
    );
  } finally {
    await p.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
