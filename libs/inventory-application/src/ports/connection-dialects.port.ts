/** An option of a connection that its dialect does not accept. */
export interface ConnectionOptionProblem {
  /** Where, as the client sent it: `settings.options.sellerId`. */
  readonly field: string;
  readonly message: string;
}

/**
 * The dialects this deployment speaks, and what each accepts as a connection's options. The
 * application knows no dialect by name: the composition root supplies them (each dialect
 * describes itself), so adding one changes no rule here.
 */
export abstract class ConnectionDialects {
  /** Names of the dialects a connection may be created for. */
  abstract names(): readonly string[];
  /** Problems with a connection's dialect options; empty when they fit. */
  abstract checkOptions(dialect: string, options: Readonly<Record<string, unknown>>): readonly ConnectionOptionProblem[];
}
