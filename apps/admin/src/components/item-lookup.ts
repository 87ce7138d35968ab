/**
 * The look-up query that finds the item an operator names by one text: its SKU or part number,
 * or, for 8 to 14 digits, its GTIN in any form (the API matches any identifier that holds it).
 */
export function itemLookupQuery(text: string): { sku: string; partNumber: string; gtin?: string } {
  return { sku: text, partNumber: text, ...(/^\d{8,14}$/.test(text) ? { gtin: text } : {}) };
}
