/** The options of the dialect generator, as `schema.json` declares them. */
export interface DialectGeneratorSchema {
  readonly name: string;
  readonly title?: string;
  readonly skipInstall?: boolean;
}
