import {
  ConnectionActivityStore,
  type ConnectionActivityRecord,
  type ConnectionActivityUpdate,
  type ConnectionErrorSource,
} from '@tally/inventory-application';
import type { SqlGate } from '../sql/sql-gate';

// Each column of the last error follows the newest error: the update's when it is newer.
const NEWER_ERROR = 'excluded.last_error_at IS NOT NULL AND (a.last_error_at IS NULL OR excluded.last_error_at > a.last_error_at)';
const ERROR_COLUMNS = ['last_error_at', 'last_error_status', 'last_error_code', 'last_error_message', 'last_error_source'];

const UPSERT_ACTIVITY = `INSERT INTO connection_activity AS a
  (connection_id, tenant_id, last_seen_at, last_error_at, last_error_status, last_error_code, last_error_message, last_error_source)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?)
  ON CONFLICT (connection_id) DO UPDATE SET
    last_seen_at = CASE WHEN excluded.last_seen_at IS NOT NULL AND (a.last_seen_at IS NULL OR excluded.last_seen_at > a.last_seen_at)
      THEN excluded.last_seen_at ELSE a.last_seen_at END,
    ${ERROR_COLUMNS.map((c) => `${c} = CASE WHEN ${NEWER_ERROR} THEN excluded.${c} ELSE a.${c} END`).join(',\n    ')}`;

const ADD_ERRORS = `INSERT INTO connection_error_hours AS h (connection_id, hour, tenant_id, errors) VALUES (?, ?, ?, ?)
  ON CONFLICT (connection_id, hour) DO UPDATE SET errors = h.errors + excluded.errors`;

const LIST = `SELECT a.connection_id, a.last_seen_at, a.last_error_at, a.last_error_status, a.last_error_code, a.last_error_message, a.last_error_source,
    (SELECT COALESCE(SUM(h.errors), 0) FROM connection_error_hours h WHERE h.connection_id = a.connection_id AND h.hour >= ?) AS errors
  FROM connection_activity a WHERE a.tenant_id = ? ORDER BY a.connection_id`;

interface ActivityRow {
  connection_id: string;
  last_seen_at: string | null;
  last_error_at: string | null;
  last_error_status: number | string | null;
  last_error_code: string | null;
  last_error_message: string | null;
  last_error_source: string | null;
  errors: number | string;
}

/** {@link ConnectionActivityStore} in plain SQL: one upsert per connection (and per connection and hour with refusals), in one transaction. */
export class SqlConnectionActivityStore extends ConnectionActivityStore {
  constructor(private readonly gate: SqlGate) {
    super();
  }

  async record(updates: readonly ConnectionActivityUpdate[]): Promise<void> {
    if (updates.length === 0) return;
    await this.gate.transaction(async (s) => {
      for (const u of updates) {
        const e = u.lastError;
        await s.run(UPSERT_ACTIVITY, [
          u.connectionId,
          u.tenantId,
          u.seenAt,
          e?.at ?? null,
          e?.status ?? null,
          e?.code ?? null,
          e?.message ?? null,
          e?.source ?? null,
        ]);
        if (e && u.errors > 0) await s.run(ADD_ERRORS, [u.connectionId, hourOf(e.at), u.tenantId, u.errors]);
      }
    });
  }

  async list(tenantId: string, countSince: string): Promise<ConnectionActivityRecord[]> {
    const rows = await this.gate.session((s) => s.all<ActivityRow>(LIST, [countSince, tenantId]));
    return rows.map((r) => ({
      connectionId: r.connection_id,
      lastSeenAt: r.last_seen_at,
      lastError:
        r.last_error_at === null
          ? null
          : {
              at: r.last_error_at,
              status: Number(r.last_error_status),
              code: r.last_error_code ?? '',
              message: r.last_error_message ?? '',
              source: (r.last_error_source ?? 'request') as ConnectionErrorSource,
            },
      errorsLastDay: Number(r.errors),
    }));
  }

  purgeErrorHours(before: string): Promise<number> {
    return this.gate.session((s) => s.run('DELETE FROM connection_error_hours WHERE hour < ?', [before]));
  }
}

/** The UTC hour an ISO time falls in, as an ISO time. */
function hourOf(at: string): string {
  return `${at.slice(0, 13)}:00:00.000Z`;
}
