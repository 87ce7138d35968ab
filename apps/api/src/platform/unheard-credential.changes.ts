import { CredentialChanges } from '@tally/inventory-application';

/**
 * The `unheard-credential-changes` negative control (ADR 0048), only with TALLY_UNSAFE_TEST_MODE:
 * credential changes as a process that never hears the others. It claims to be live, so answers
 * are kept for their whole lifetime, and tells its listeners nothing; its own changes still go to
 * the other processes through `inner`.
 */
export class UnheardCredentialChanges extends CredentialChanges {
  constructor(private readonly inner: CredentialChanges) {
    super();
  }

  get live(): boolean {
    return true;
  }

  publish(): Promise<void> {
    return this.inner.publish();
  }

  subscribe(): () => void {
    return () => undefined;
  }
}
