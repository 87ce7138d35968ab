import { excerptOf, isJsonObject } from '@tally/vendor-kit';

/** True when a PUT's answer is the JSON:API document the vendor documents: `data`, an array of records. */
export function isInventoriesDocument(json: unknown): boolean {
  return isJsonObject(json) && Array.isArray(json['data']);
}

/**
 * The JSON:API `errors[]` of an answer as one message: each error's title, detail and
 * `source.pointer`, joined; null when the answer has no readable errors.
 */
export function jsonApiErrorMessage(json: unknown): string | null {
  if (!isJsonObject(json) || !Array.isArray(json['errors'])) return null;
  const parts = json['errors'].filter(isJsonObject).map((e) => {
    const text = [e['code'], e['title'], e['detail']].filter((v): v is string => typeof v === 'string' && v !== '').join(': ');
    const pointer = isJsonObject(e['source']) && typeof e['source']['pointer'] === 'string' ? e['source']['pointer'] : null;
    return pointer === null ? text : `${text} (at ${pointer === '' ? 'the document' : pointer})`;
  });
  const message = parts.filter((p) => p !== '').join('; ');
  return message === '' ? null : excerptOf(message);
}
