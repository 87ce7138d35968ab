/**
 * CPU figures of `npm run bench:writes` and `bench:scale` from /proc (Linux; null elsewhere): of
 * given processes, of the PostgreSQL backends serving one database and the server's own
 * processes, of the whole machine.
 */
import { readFileSync } from 'node:fs';
import { Client } from 'pg';

/** Clock ticks per second of /proc's times: 100 on every Linux the benchmark runs on. */
const TICKS = 100;

/** User plus system CPU seconds of a process, or null when /proc cannot tell. */
export function cpuOfPid(pid: number): number | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(') ') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS;
  } catch {
    return null;
  }
}

/** Busy and total ticks of all the machine's cores since boot. */
export function machineTicks(): { busy: number; total: number } | null {
  try {
    const cpu = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/).slice(1).map(Number);
    const idle = cpu[3] + (cpu[4] ?? 0);
    const total = cpu.reduce((a, b) => a + b, 0);
    return { busy: total - idle, total };
  } catch {
    return null;
  }
}

/** Ids of the server processes of a PostgreSQL database's sessions (the backends), read through its URL. */
export async function backendPids(url: string): Promise<number[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query('SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()');
    return rows.map((r: { pid: number }) => r.pid);
  } finally {
    await client.end();
  }
}

/**
 * Ids of the PostgreSQL server's own processes (WAL writer, checkpointer, background writer,
 * autovacuum launcher): not a database's, they serve every database of the server.
 */
export async function serverProcessPids(url: string): Promise<number[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query("SELECT pid FROM pg_stat_activity WHERE datname IS NULL AND backend_type <> 'client backend'");
    return rows.map((r: { pid: number }) => r.pid);
  } finally {
    await client.end();
  }
}

/** CPU seconds of each process now. */
export const cpuOfPids = (pids: readonly number[]): Map<number, number> =>
  new Map(
    pids.flatMap((pid) => {
      const cpu = cpuOfPid(pid);
      return cpu === null ? [] : [[pid, cpu] as [number, number]];
    }),
  );

/**
 * CPU seconds the processes spent between two readings: a process first seen at the second one
 * (a backend the load opened) counts all its time; one gone by then, none.
 */
export function cpuBetween(before: ReadonlyMap<number, number>, after: ReadonlyMap<number, number>): number {
  let sum = 0;
  for (const [pid, cpu] of after) sum += cpu - (before.get(pid) ?? 0);
  return sum;
}
