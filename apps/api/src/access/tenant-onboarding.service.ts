import { Injectable } from '@nestjs/common';
import { Clock, IdGenerator, ManageAccess, TenantRepository, type Tenant } from '@tally/inventory-application';
import type { CreatedApiKeyDto } from './api-key.dto';

/**
 * Creates a further tenant with its own admin key. The access use case only creates the
 * first tenant (bootstrap), so this small piece of composition lives in the app.
 */
@Injectable()
export class TenantOnboardingService {
  constructor(
    private readonly tenants: TenantRepository,
    private readonly access: ManageAccess,
    private readonly clock: Clock,
    private readonly ids: IdGenerator,
  ) {}

  async create(name: string): Promise<{ tenant: Tenant; adminKey: CreatedApiKeyDto }> {
    const tenant: Tenant = { id: this.ids.newId(), name, createdAt: this.clock.now().toISOString() };
    await this.tenants.create(tenant);
    const adminKey = await this.access.createKey(tenant.id, 'initial admin', 'admin');
    return { tenant, adminKey };
  }
}
