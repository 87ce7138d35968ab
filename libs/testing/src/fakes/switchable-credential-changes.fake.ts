import { CredentialChanges } from '@tally/inventory-application';

/**
 * Credential changes within one test: publishing tells the listeners at once, and the test can
 * take the notifier down and up again, as a PostgreSQL listener that lost its connection.
 */
export class SwitchableCredentialChanges extends CredentialChanges {
  private readonly listeners = new Set<() => void>();
  private isLive = true;
  /** Changes published so far. */
  published = 0;

  get live(): boolean {
    return this.isLive;
  }

  async publish(): Promise<void> {
    this.published++;
    this.tell();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Takes the notifier down (`false`) or up again (`true`); listeners hear of it either way. */
  setLive(live: boolean): void {
    if (live === this.isLive) return;
    this.isLive = live;
    this.tell();
  }

  private tell(): void {
    for (const listener of this.listeners) listener();
  }
}
