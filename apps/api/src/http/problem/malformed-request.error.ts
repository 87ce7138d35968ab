/** A request the server cannot read (a file's unusable header, a format it cannot parse): a 400 naming the field. */
export class MalformedRequestError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'MalformedRequestError';
  }
}
