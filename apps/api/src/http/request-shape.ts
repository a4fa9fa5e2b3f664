import type { NextFunction, Request, Response } from 'express';

/** Deepest nesting of arrays and objects accepted in a JSON body or a query (the root is level 1). */
export const MAX_JSON_DEPTH = 16;

/**
 * Keys refused anywhere in a body or query. class-transformer drops them silently (its guard
 * against prototype pollution), so without this they would vanish where other unknown fields
 * are refused.
 */
const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

/** What is wrong with a parsed value: the field (dotted path) and the problem. */
export interface ShapeProblem {
  field: string;
  problem: string;
}

/**
 * Walks `value` without recursion (so a hostile depth cannot overflow the stack) and returns the
 * first key in {@link FORBIDDEN_KEYS} or the first place deeper than `maxDepth`, or null.
 * Fields are named from `root`, e.g. `body.customer.__proto__`.
 */
export function shapeProblem(value: unknown, root: string, maxDepth = MAX_JSON_DEPTH): ShapeProblem | null {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: root, depth: 1 }];
  while (stack.length) {
    const { value: current, path, depth } = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    if (depth > maxDepth) return { field: path, problem: `nests deeper than ${maxDepth} levels` };
    for (const key of Object.keys(current)) {
      const field = `${path}.${/^[A-Za-z0-9_$-]+$/.test(key) ? key : JSON.stringify(key)}`;
      if (FORBIDDEN_KEYS.has(key)) return { field, problem: 'is not an allowed field name' };
      stack.push({ value: (current as Record<string, unknown>)[key], path: field, depth: depth + 1 });
    }
  }
  return null;
}

/**
 * Express middleware after the JSON parser: refuses (400 VALIDATION_FAILED naming the field) a
 * body or query that nests deeper than {@link MAX_JSON_DEPTH} or uses a forbidden key, before
 * validation (whose recursion a deep body would overflow) or any handler runs.
 */
export function requestShape(request: Request, response: Response, next: NextFunction): void {
  const problem = shapeProblem(request.body, 'body') ?? shapeProblem(request.query, 'query');
  if (!problem) return next();
  const field = problem.field.replace(/^(body|query)\./, '');
  response.status(400).json({
    error: 'VALIDATION_FAILED',
    message: `${field} ${problem.problem}`,
    fields: [{ field, problems: [problem.problem] }],
  });
}

/**
 * Express middleware before the body parsers: a request that carries a body must say it is JSON
 * (`Content-Type: application/json`), else 415; without this a form or text body would be
 * ignored and the request judged as if it had none.
 */
export function requireJsonBody(request: Request, response: Response, next: NextFunction): void {
  const hasBody =
    request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
  if (!hasBody || request.is('application/json')) return next();
  response.status(415).json({
    error: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'a request body must be JSON (Content-Type: application/json)',
    fields: [{ field: 'content-type', problems: ['must be application/json'] }],
  });
}
