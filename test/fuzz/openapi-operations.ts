/**
 * The operations of an OpenAPI 3 document (the one the app serves at `/api/docs-json`), in the
 * shape the contract fuzzer generates requests from: method, path template, parameters by
 * location with their schemas, the JSON body schema with `$ref`s resolved, and whether the
 * operation needs the admin token. Nothing is hard-coded: routes added later are fuzzed too.
 */

/** The subset of JSON Schema (as @nestjs/swagger writes it) the fuzzer reads. */
export interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  default?: unknown;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  $ref?: string;
}

/** One parameter of an operation. */
export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required: boolean;
  schema: Schema;
}

/** One operation (method + path) of the document. */
export interface Operation {
  method: string;
  /** Path template as in the document, e.g. `/api/shows/{id}/holds`. */
  path: string;
  parameters: Parameter[];
  /** The `application/json` request body's schema, resolved; undefined when there is none. */
  body?: Schema;
  admin: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, RawOperation>>;
  components?: { schemas?: Record<string, Schema> };
}

interface RawOperation {
  parameters?: { name: string; in: string; required?: boolean; schema?: Schema }[];
  requestBody?: { content?: Record<string, { schema?: Schema }> };
  security?: Record<string, unknown>[];
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/**
 * Every operation of `document`, `$ref`s resolved against `components.schemas` (a cycle is cut
 * after `maxDepth` levels to an untyped schema).
 * @throws Error when a `$ref` names no schema.
 */
export function operationsOf(document: unknown, maxDepth = 6): Operation[] {
  const doc = document as OpenApiDocument;
  const schemas = doc.components?.schemas ?? {};
  const resolve = (schema: Schema | undefined, depth: number): Schema => {
    if (!schema) return {};
    if (depth > maxDepth) return {};
    if (schema.$ref) {
      const name = schema.$ref.replace('#/components/schemas/', '');
      if (!(name in schemas)) throw new Error(`OpenAPI: $ref ${schema.$ref} names no schema`);
      return resolve(schemas[name], depth + 1);
    }
    const out: Schema = { ...schema };
    if (schema.items) out.items = resolve(schema.items, depth + 1);
    if (schema.properties) {
      out.properties = Object.fromEntries(
        Object.entries(schema.properties).map(([key, value]) => [key, resolve(value, depth + 1)]),
      );
    }
    if (schema.allOf) out.allOf = schema.allOf.map((part) => resolve(part, depth + 1));
    return out;
  };
  const operations: Operation[] = [];
  for (const [path, byMethod] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(byMethod)) {
      if (!METHODS.includes(method)) continue;
      const parameters = (raw.parameters ?? [])
        .filter((parameter) => ['path', 'query', 'header'].includes(parameter.in))
        .map((parameter) => ({
          name: parameter.name,
          in: parameter.in as Parameter['in'],
          required: parameter.in === 'path' || Boolean(parameter.required),
          schema: resolve(parameter.schema, 0),
        }));
      const bodySchema = raw.requestBody?.content?.['application/json']?.schema;
      operations.push({
        method: method.toUpperCase(),
        path,
        parameters,
        body: bodySchema ? resolve(bodySchema, 0) : undefined,
        admin: (raw.security ?? []).some((requirement) => 'admin' in requirement),
      });
    }
  }
  return operations;
}
