import Ajv2020, { type ValidateFunction } from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type request from 'supertest';

type Method = 'get' | 'put' | 'post' | 'delete' | 'patch';
interface MediaType {
  schema?: object;
}
interface ResponseObject {
  content?: Record<string, MediaType>;
}
interface OperationObject {
  operationId?: string;
  responses?: Record<string, ResponseObject>;
}
export interface OpenApi31Document {
  openapi: string;
  paths: Record<string, Partial<Record<Method, OperationObject>>>;
  components?: object;
}
/** What the check reads of an answer (a supertest response has it). */
export interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  text?: string;
}

/**
 * Checks an answer of the running app against the response its operation declares in the OpenAPI
 * document (/docs-json): the status must be declared, the media type listed, the body valid against
 * the schema (JSON Schema 2020-12, as OpenAPI 3.1 says). Answers to paths the document does not
 * list (the console, /fhir/r4, /metrics, a route that does not exist) are not checked.
 */
export function responseChecker(document: OpenApi31Document): (method: string, url: string, answer: Answer) => string | null {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats(ajv);
  const parameters = (path: string) => path.split('{').length - 1;
  const routes = Object.keys(document.paths)
    .map((path) => ({ path, pattern: new RegExp(`^${path.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '[^/]+')}$`) }))
    // A literal segment wins over a parameter: /v1/x/y before /v1/x/{id}.
    .sort((a, b) => parameters(a.path) - parameters(b.path));
  const compiled = new Map<string, ValidateFunction>();
  const validatorOf = (key: string, schema: object): ValidateFunction => {
    let validate = compiled.get(key);
    if (!validate) {
      // The schema with the document's components beside it, so that `#/components/schemas/…` resolves.
      validate = ajv.compile({ ...schema, components: document.components });
      compiled.set(key, validate);
    }
    return validate;
  };

  return (method, url, answer) => {
    const pathname = new URL(url, 'http://localhost').pathname;
    const route = routes.find(({ pattern }) => pattern.test(pathname));
    const operation = route ? document.paths[route.path]?.[method.toLowerCase() as Method] : undefined;
    if (!route || !operation) return null;
    const where = `${method.toUpperCase()} ${route.path} (${operation.operationId ?? 'no operationId'}) answered ${answer.status}`;
    const declared = operation.responses?.[String(answer.status)];
    if (!declared)
      return `${where}, a status its operation does not declare (declared: ${Object.keys(operation.responses ?? {}).join(', ')})`;
    const contentType =
      String(answer.headers['content-type'] ?? '')
        .split(';')[0]
        ?.trim() ?? '';
    const hasBody = (answer.text ?? '').length > 0;
    if (!declared.content) return hasBody ? `${where} with a ${contentType} body, where the document declares none` : null;
    const media = declared.content[contentType];
    if (!media) return `${where} as "${contentType}", where the document declares ${Object.keys(declared.content).join(', ')}`;
    if (!media.schema) return null;
    const validate = validatorOf(`${method} ${route.path} ${answer.status} ${contentType}`, media.schema);
    if (validate(answer.body)) return null;
    const errors = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '(body)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`,
    );
    return `${where}, a body that does not match its schema:\n  ${errors.join('\n  ')}\nbody: ${JSON.stringify(answer.body).slice(0, 2000)}`;
  };
}

const METHODS = new Set(['get', 'put', 'post', 'delete', 'del', 'patch']);

/** The supertest agent, every request of which fails (with the operation, status and errors) when its answer breaks the document. */
export function checkingAgent(
  agent: ReturnType<typeof request>,
  check: (method: string, url: string, answer: Answer) => string | null,
): ReturnType<typeof request> {
  return new Proxy(agent, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof property !== 'string' || !METHODS.has(property) || typeof value !== 'function') return value;
      const method = property === 'del' ? 'delete' : property;
      return (url: string, ...rest: unknown[]) =>
        (value as (url: string, ...rest: unknown[]) => request.Test).call(target, url, ...rest).expect((answer: Answer) => {
          const mismatch = check(method, url, answer);
          if (mismatch) throw new Error(`Response does not match the OpenAPI document: ${mismatch}`);
        });
    },
  });
}
