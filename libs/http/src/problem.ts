/** RFC 9457 problem details, the body of every error this API returns. */
export interface FieldError {
  field: string;
  message: string;
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  code?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

const TYPE_BASE = 'https://passerelle.network/problems/';

/** Problem types are stable URIs derived from the code, e.g. `REFERRAL.NOT_RECEIVER` → `.../referral/not-receiver`. */
export function problemType(code: string): string {
  return TYPE_BASE + code.toLowerCase().replace(/_/g, '-').replace(/\./g, '/');
}

export function problem(status: number, code: string, title: string, detail: string, extra: Partial<Problem> = {}): Problem {
  return { type: problemType(code), title, status, detail, code, ...extra };
}
