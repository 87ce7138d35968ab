import { client, expectStatus, type Client } from './http.client';

/** `Authorization: Basic …` of a connection's credential id and secret (RFC 7617). */
export const basicAuthorization = (credentialId: string, secret: string): string => `Basic ${Buffer.from(`${credentialId}:${secret}`).toString('base64')}`;

/**
 * Logs a Kibo connection in with its client credentials, form-encoded as Kibo's clients do,
 * and answers the bearer token; throws when the token endpoint does not answer 200.
 */
export async function kiboToken(baseUrl: string, credentialId: string, secret: string): Promise<string> {
  const answer = await client(baseUrl, null)('POST', '/kibo/oauthserver/oauth2/token', {
    raw: 'grant_type=client_credentials',
    headers: { authorization: basicAuthorization(credentialId, secret), 'content-type': 'application/x-www-form-urlencoded' },
  });
  return expectStatus(answer, 'the Kibo token endpoint', 200).access_token as string;
}

/** Logs a Crux connection in and answers its token; throws when the login does not answer 200. */
export async function cruxToken(baseUrl: string, username: string, password: string): Promise<string> {
  const answer = await client(baseUrl, null)('POST', '/crux/timp/organizations/user-login/', { json: { username, password } });
  return expectStatus(answer, 'the Crux login', 200).auth_token as string;
}

/**
 * Polls a job through the canonical API (`GET /api/v1/jobs/:id`) until it is SUCCESS or FAILED,
 * and answers it; throws when it is still running after `limitMs`.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitForJobEnd(admin: Client, jobId: number, limitMs = 120_000): Promise<Record<string, any>> {
  const deadline = Date.now() + limitMs;
  for (;;) {
    const job = expectStatus(await admin('GET', `/api/v1/jobs/${jobId}`), `job ${jobId}`, 200);
    if (job.status === 'SUCCESS' || job.status === 'FAILED') return job;
    if (Date.now() > deadline) throw new Error(`job ${jobId} still ${job.status} after ${limitMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
