import type { MikroORM } from '@mikro-orm/core';
import type { AbstractSqlDriver } from '@mikro-orm/knex';
import { AccessTokenRepository, type AccessToken } from '@tally/inventory-application';
import { AccessTokenRecord } from '../records/access-token.record';

/** Issued vendor access tokens through MikroORM's entity manager, forked per call. */
export class MikroOrmAccessTokenRepository extends AccessTokenRepository {
  constructor(private readonly orm: MikroORM<AbstractSqlDriver>) {
    super();
  }

  async save(token: AccessToken): Promise<void> {
    await this.orm.em.fork().insert(AccessTokenRecord, { ...token });
  }

  async findByDigest(tokenDigest: string): Promise<AccessToken | null> {
    const found = await this.orm.em.fork().findOne(AccessTokenRecord, { tokenDigest });
    return found ? { ...found } : null;
  }

  deleteExpired(now: string): Promise<number> {
    return this.orm.em.fork().nativeDelete(AccessTokenRecord, { expiresAt: { $lt: now } });
  }
}
