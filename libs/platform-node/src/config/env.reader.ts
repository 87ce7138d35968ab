import { byteSize } from './app.config';

/**
 * Reads settings from the environment and collects every problem instead of stopping at the
 * first, so a refused boot names all the variables to fix.
 */
export class EnvReader {
  readonly problems: string[] = [];

  constructor(private readonly env: NodeJS.ProcessEnv) {}

  /** A whole number in [min, max]; unset or empty takes the fallback. */
  int(name: string, fallback: number, min: number, max: number): number {
    const text = this.env[name]?.trim();
    if (!text) return fallback;
    const value = /^\d{1,9}$/.test(text) ? Number(text) : NaN;
    if (!(value >= min && value <= max)) this.problems.push(`${name} must be an integer from ${min} to ${max}, got "${text}"`);
    return value;
  }

  /** A size in bytes, written as bytes or with a kb/mb suffix, in [min, max]; unset or empty takes the fallback. */
  size(name: string, fallback: number, min: number, max: number): number {
    const text = this.env[name]?.trim();
    if (!text) return fallback;
    const value = byteSize(text) ?? NaN;
    if (!(value >= min && value <= max))
      this.problems.push(`${name} must be a size from ${min} to ${max} bytes (bytes, or with a kb/mb suffix), got "${text}"`);
    return value;
  }

  /** `on` or `off` (any case); unset or empty takes the fallback. */
  onOff(name: string, fallback: boolean): boolean {
    const text = this.env[name]?.trim().toLowerCase();
    if (!text) return fallback;
    if (text !== 'on' && text !== 'off') this.problems.push(`${name} must be on or off, got "${text}"`);
    return text === 'on';
  }

  /** Throws when any read found a problem. */
  check(what: string): void {
    if (this.problems.length) throw new Error(`Invalid ${what}: ${this.problems.join('; ')}`);
  }
}
