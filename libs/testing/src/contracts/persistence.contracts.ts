import { describeIdentityDiscrepancyRepositoryContract, describeItemRepositoryContract, describeLocationRepositoryContract } from './catalog.contract';
import { describeInventoryStoreContract } from './inventory.contract';
import { describeJobQueueContract } from './job-queue.contract';
import { describePlaceNumberRepositoryContract } from './place-number.contract';
import type { OpenPersistenceSubject } from './persistence-subject';
import { describeAccessTokenRepositoryContract, describeConnectionRepositoryContract, describeTenantRepositoryContract } from './tenancy.contract';

/** Runs every persistence port's contract suite against one kind of adapter. */
export function describePersistenceContracts(name: string, open: OpenPersistenceSubject): void {
  describeTenantRepositoryContract(name, open);
  describeConnectionRepositoryContract(name, open);
  describeAccessTokenRepositoryContract(name, open);
  describeItemRepositoryContract(name, open);
  describeLocationRepositoryContract(name, open);
  describeIdentityDiscrepancyRepositoryContract(name, open);
  describePlaceNumberRepositoryContract(name, open);
  describeJobQueueContract(name, open);
  describeInventoryStoreContract(name, open);
}
