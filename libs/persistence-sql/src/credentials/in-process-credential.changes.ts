import { CredentialChanges } from '@tally/inventory-application';

/**
 * Credential changes on SQLite (ADR 0048): one API process owns a SQLite file, so telling the
 * listeners of this process is telling every process. Always live. Threads of the process have
 * listeners of their own only if they subscribe here; none keeps answers (the Crux write thread
 * reads its tokens from the database).
 */
export class InProcessCredentialChanges extends CredentialChanges {
  private readonly listeners = new Set<() => void>();

  get live(): boolean {
    return true;
  }

  async publish(): Promise<void> {
    for (const listener of this.listeners) listener();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
