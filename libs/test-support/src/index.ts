export { WORKSPACE_ROOT, API_MAIN } from './workspace-root.util';
export { newAdminKey, printedAdminKey } from './admin-key.util';
export { unique } from './unique-name.util';
export { API_READY, startServer, runToExit, type ServerOptions, type RunningServer, type ServerExit, type ProcessRun } from './server.process';
export { client, bearer, expectStatus, type Answer, type Client, type RequestOptions } from './http.client';
export { peerClient } from './peer.client';
export {
  POSTGRES_ADMIN_URL,
  createDatabase,
  createSqliteDatabase,
  createPostgresDatabase,
  type DatabaseKind,
  type DatabaseOptions,
  type TestDatabase,
} from './database.factory';
export { createTenant, type CreatedTenant } from './tenant.fixture';
export { basicAuthorization, kiboToken, cruxToken, waitForJobEnd } from './vendor-login.client';
