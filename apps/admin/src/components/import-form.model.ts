import type { ImportPreview } from '../api/client';

/** Kinds an unknown location code can be created as (the API's location kinds). */
export const LOCATION_KINDS = ['warehouse', 'store', 'inventory_source', 'seller', 'vendor', 'facility', 'supplier', 'bin'] as const;

/** What the operator chose beside the file. */
export interface ImportChoices {
  readonly createItems: boolean;
  readonly createLocations: string | null;
}

/** The upload's query for these choices: only what differs from the API's defaults. */
export function importQueryOf(choices: ImportChoices): Record<string, string> {
  return {
    ...(choices.createItems ? { createItems: 'true' } : {}),
    ...(choices.createLocations ? { createLocations: choices.createLocations } : {}),
  };
}

/** The preview's figures as label and value, in the order the page lists them. */
export function previewFigures(preview: ImportPreview): [string, number][] {
  return [
    ['Lines', preview.lines],
    ['Valid', preview.valid],
    ['Invalid', preview.invalid],
    ['Would change a level', preview.wouldChange],
    ['Unchanged', preview.unchanged],
    ['Observed, not applied', preview.observed],
    ['Items created', preview.itemsCreated],
  ];
}

/** What the page says of the refused lines it does not list; null when it lists them all. */
export function omittedText(preview: ImportPreview): string | null {
  return preview.problemsOmitted > 0 ? `${preview.problemsOmitted} more invalid lines are not listed.` : null;
}
