/** One invalid input of a vendor's request: the field as the vendor names it, and what is wrong. */
export interface FieldProblem {
  readonly field: string;
  readonly message: string;
}
