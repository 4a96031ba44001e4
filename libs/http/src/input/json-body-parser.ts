import { json, type RequestHandler } from 'express';
import { ProblemException, problemOf } from '../problem.filter';
import { jsonBodyOptions } from './json-body';

/**
 * The API's JSON body parser (apps/api/src/http-app.ts), bounded as {@link jsonBodyOptions} says,
 * whose errors reach the problem filter already as their problem: left as they are, Nest turns the
 * parser's SyntaxError into a bare BadRequestException, and a body that is not JSON was answered
 * `REQUEST.BAD_REQUEST` instead of `REQUEST.MALFORMED_JSON`.
 */
export function jsonBodyParser(limit: string): RequestHandler {
  const parse = json(jsonBodyOptions(limit));
  return (request, response, next) => {
    parse(request, response, (error?: unknown) => {
      if (error === undefined || error === null) next();
      else next(new ProblemException(problemOf(error)));
    });
  };
}
