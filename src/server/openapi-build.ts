/** Builders of JSON Schema fragments for the OpenAPI document's response schemas (openapi-schemas.ts, openapi-cases.ts). */
export const str = { type: 'string' } as const;
export const num = { type: 'number' } as const;
export const int = { type: 'integer' } as const;
export const bool = { type: 'boolean' } as const;
export const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });
export const arr = (items: unknown) => ({ type: 'array', items });
/** An object whose properties are all required except `optional`. */
export const obj = (properties: Record<string, unknown>, optional: string[] = []) => ({
  type: 'object',
  required: Object.keys(properties).filter((k) => !optional.includes(k)),
  properties,
});
export const nullable = (schema: unknown) => ({ oneOf: [schema, { type: 'null' }] });
/** Counts by key ("kind" → n). */
export const counts = { type: 'object', additionalProperties: int };
