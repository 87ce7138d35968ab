/** How log lines are written: `json` lines, `pretty` text for people, or `auto` (pretty on a terminal, JSON otherwise). */
export const LOG_FORMATS = ['auto', 'json', 'pretty'] as const;

/** One of {@link LOG_FORMATS}. */
export type LogFormat = (typeof LOG_FORMATS)[number];

/** LOG_FORMAT, `auto` when unset or empty; a bad value is added to `problems`. */
export function readLogFormat(value: string | undefined, problems: string[]): LogFormat {
  const text = value?.trim().toLowerCase();
  if (!text) return 'auto';
  if ((LOG_FORMATS as readonly string[]).includes(text)) return text as LogFormat;
  problems.push(`LOG_FORMAT must be one of ${LOG_FORMATS.join(', ')}, got "${value?.trim()}"`);
  return 'auto';
}
