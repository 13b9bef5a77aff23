/** A JSON Schema as @fastify/swagger writes it (OpenAPI 3.1): only the keywords the generators read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  default?: unknown;
  examples?: unknown[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

/** One operation of the OpenAPI document, with every $ref resolved lazily through `resolve`. */
export interface Operation {
  method: string;
  /** The OpenAPI path, e.g. /api/events/{id}. */
  path: string;
  key: string;
  /** Anyone may call it (`security: []`). */
  public: boolean;
  pathParams: Parameter[];
  queryParams: Parameter[];
  /** Media type -> schema of the request body, when the operation takes one. */
  body: Record<string, JsonSchema> | null;
  bodyRequired: boolean;
}

interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
  security?: unknown[];
}

interface OpenApiOperation {
  operationId?: string;
  security?: unknown[];
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
}

const HTTP_METHODS = new Set(['get', 'put', 'post', 'delete', 'patch']);

/** Every operation the document describes: operations added later are picked up with no change here. */
export function operationsOf(doc: OpenApiDocument): Operation[] {
  const operations: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method)) continue;
      const params = op.parameters ?? [];
      const content = op.requestBody?.content;
      operations.push({
        method: method.toUpperCase(),
        path,
        key: op.operationId ? `${op.operationId} (${method.toUpperCase()} ${path})` : `${method.toUpperCase()} ${path}`,
        public: Array.isArray(op.security) && op.security.length === 0,
        pathParams: params.filter((p) => p.in === 'path'),
        queryParams: params.filter((p) => p.in === 'query'),
        body: content
          ? Object.fromEntries(Object.entries(content).map(([type, media]) => [type, media.schema ?? {}]))
          : null,
        bodyRequired: !!op.requestBody?.required,
      });
    }
  }
  return operations;
}

/** Follows `#/components/schemas/...` references (the recursive search query is one). */
export function schemaResolver(doc: OpenApiDocument): (schema: JsonSchema) => JsonSchema {
  return (schema) => {
    let current = schema;
    for (let i = 0; current.$ref && i < 10; i++) {
      const name = current.$ref.replace('#/components/schemas/', '');
      current = doc.components?.schemas?.[name] ?? {};
    }
    return current;
  };
}
