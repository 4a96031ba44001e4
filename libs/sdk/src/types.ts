import type { components, paths } from './generated/openapi';

type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'patch';
type JsonContent<Response> = Response extends { content: { 'application/json': infer Body } } ? Body : never;
type SuccessJson<Operation> = Operation extends { responses: infer Responses }
  ? JsonContent<Responses[Extract<keyof Responses, 200 | 201 | 202 | '200' | '201' | '202'>]>
  : never;

/**
 * The JSON body of an operation's success answer, as the OpenAPI document describes it, e.g.
 * `ResponseBody<'/v1/referrals/{id}', 'get'>` (never for an operation that answers no JSON).
 */
export type ResponseBody<Path extends keyof paths, Method extends HttpMethod & keyof paths[Path]> = SuccessJson<paths[Path][Method]>;

/** The JSON body an operation takes, e.g. `RequestBody<'/v1/referrals', 'post'>`. */
export type RequestBody<Path extends keyof paths, Method extends HttpMethod & keyof paths[Path]> = paths[Path][Method] extends {
  requestBody?: { content: { 'application/json': infer Body } };
}
  ? Body
  : never;

/** A named schema of the document, e.g. `Schema<'MakeReferralRequest'>`. */
export type Schema<Name extends keyof components['schemas']> = components['schemas'][Name];
