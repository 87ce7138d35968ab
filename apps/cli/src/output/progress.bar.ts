import { Presets, SingleBar } from 'cli-progress';
import type { CliIo } from '../cli.io';

/** Progress of long work: drawn on a terminal, silent otherwise (logs and pipes get the summary line only). */
export interface Progress {
  update(done: number, total: number): void;
  stop(): void;
}

/** A progress bar labelled `label`, counting `unit`. */
export function progressBar(io: CliIo, label: string, unit: string): Progress {
  const stream = io.progressStream;
  if (!stream) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${label} [{bar}] {percentage}% {value}/{total} ${unit}`, stream, hideCursor: true }, Presets.shades_classic);
  let started = false;
  return {
    update(done, total) {
      if (!started) {
        bar.start(total, done);
        started = true;
        return;
      }
      bar.setTotal(total);
      bar.update(done);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
