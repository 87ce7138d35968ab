import { parseBearerToken, type VendorAnswer } from '@tally/vendor-kit';
import { ApplicationError, ApplicationErrorCodes, type Clock, type Connection, type IssueAccessTokens, type StockJobs } from '@tally/inventory-application';
import { parseKiboInventory, type KiboInventoryCall } from './kibo-inventory.parser';
import { mapKiboToJob } from './kibo-job.mapper';
import { renderKiboError, renderKiboJob, renderKiboJobAccepted } from './kibo-response.renderer';

/** Limits of the Kibo routes. */
export interface KiboSettings {
  /** Most items per refresh call (Kibo's documentation raised it from 1,000 to 12,000). */
  readonly refreshMaxItems: number;
  /** Most items per adjust call. */
  readonly adjustMaxItems: number;
}

/** Default {@link KiboSettings}. */
export const DEFAULT_KIBO_SETTINGS: KiboSettings = { refreshMaxItems: 12_000, adjustMaxItems: 1_000 };

/**
 * The Kibo inventory calls: checks the bearer token, validates the body, stores the job and
 * answers its id (the work happens in the queue), and reads job status.
 */
export class KiboInventoryHandler {
  constructor(
    private readonly tokens: IssueAccessTokens,
    private readonly jobs: StockJobs,
    private readonly clock: Clock,
    private readonly settings: KiboSettings = DEFAULT_KIBO_SETTINGS,
  ) {}

  /** `POST …/inventory/refresh` and `…/inventory/adjust`. */
  async submit(call: KiboInventoryCall, authorization: string | undefined, body: unknown): Promise<VendorAnswer> {
    const connection = await this.authenticate(authorization);
    if (!connection) return renderKiboError(401, 'a valid bearer token from /oauthserver/oauth2/token is required');
    const max = call === 'refresh' ? this.settings.refreshMaxItems : this.settings.adjustMaxItems;
    const parsed = parseKiboInventory(body, call, max);
    if (!parsed.ok) return renderKiboError(400, `the ${call} request is invalid`, parsed.error);
    const job = mapKiboToJob(parsed.value, call, { connection, added: this.clock.now().toISOString() });
    return renderKiboJobAccepted((await this.jobs.submit(job)).number);
  }

  /** `GET /inv/api/v1/queue/{jobID}`: only the token's tenant sees its jobs. */
  async status(authorization: string | undefined, jobIdText: string): Promise<VendorAnswer> {
    const connection = await this.authenticate(authorization);
    if (!connection) return renderKiboError(401, 'a valid bearer token from /oauthserver/oauth2/token is required');
    if (!/^\d{1,9}$/.test(jobIdText)) return renderKiboError(400, 'the jobID is invalid', [{ field: 'jobID', message: 'must be a positive integer' }]);
    try {
      return {
        status: 200,
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: renderKiboJob(await this.jobs.get(connection.tenantId, Number(jobIdText))),
      };
    } catch (error) {
      if (error instanceof ApplicationError && error.code === ApplicationErrorCodes.notFound) {
        return renderKiboError(404, `no job ${jobIdText}`, [{ field: 'jobID', message: 'no such job' }]);
      }
      throw error;
    }
  }

  private authenticate(authorization: string | undefined): Promise<Connection | null> {
    const token = parseBearerToken(authorization);
    return token ? this.tokens.verify('kibo', token) : Promise.resolve(null);
  }
}
