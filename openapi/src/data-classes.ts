import type { OpenApiDocument } from './index.js';

/**
 * Every field Herald's API carries belongs to one store and category, marked in the spec with
 * `x-data-class`: `account` (Herald's own data about its customers), `usage` (who was messaged,
 * when, status), `content` (what was said), or `meta` (protocol fields that hold no one's data:
 * `object`, pagination, error documents). Redaction, exports and the privacy inventory are driven
 * from this marking.
 */
export const dataClasses = ['account', 'usage', 'content', 'meta'] as const;
export type DataClass = (typeof dataClasses)[number];

export type ClassifiedField = {
  schema: string;
  path: string;
  name: string;
  dataClass: DataClass | undefined;
};

/** Every property of every schema, nested ones included, with its class (or none). */
export function classifiedFields(spec: OpenApiDocument): ClassifiedField[] {
  const fields: ClassifiedField[] = [];
  const walk = (schemaName: string, schema: unknown, path: string) => {
    if (!schema || typeof schema !== 'object') return;
    const node = schema as Record<string, unknown>;
    for (const [name, property] of Object.entries(
      (node.properties as Record<string, unknown>) ?? {},
    )) {
      const dataClass = (property as Record<string, unknown> | undefined)?.['x-data-class'] as
        | DataClass
        | undefined;
      fields.push({ schema: schemaName, path: path ? `${path}.${name}` : name, name, dataClass });
      walk(schemaName, property, path ? `${path}.${name}` : name);
    }
    for (const key of ['items', 'additionalProperties']) walk(schemaName, node[key], `${path}[]`);
    for (const key of ['allOf', 'oneOf', 'anyOf']) {
      for (const sub of (node[key] as unknown[]) ?? []) walk(schemaName, sub, path);
    }
  };
  for (const [name, schema] of Object.entries(spec.components.schemas)) walk(name, schema, '');
  return fields;
}

/** The distinct field names of each class, sorted: what redaction and the inventory start from. */
export function fieldNamesByClass(spec: OpenApiDocument): Record<DataClass, string[]> {
  const names: Record<DataClass, Set<string>> = {
    account: new Set(),
    usage: new Set(),
    content: new Set(),
    meta: new Set(),
  };
  for (const field of classifiedFields(spec))
    if (field.dataClass) names[field.dataClass].add(field.name);
  return Object.fromEntries(Object.entries(names).map(([k, v]) => [k, [...v].sort()])) as Record<
    DataClass,
    string[]
  >;
}
