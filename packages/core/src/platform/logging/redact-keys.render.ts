/** The generated file's text, from the spec's field names by class (see scripts/generate-docs.ts). */
export function renderRedactKeys(names: {
  account: string[];
  usage: string[];
  content: string[];
}): string {
  const fields = [...new Set([...names.account, ...names.usage, ...names.content])].sort();
  return [
    '// Generated from openapi/openapi.yaml (x-data-class) by `npm run generate`. Do not edit by hand.',
    '// Every field name the API classes as account, usage or content data.',
    `export const specDataFields: readonly string[] = ${JSON.stringify(fields, null, 2).replaceAll('"', "'")};`,
    '',
  ].join('\n');
}
