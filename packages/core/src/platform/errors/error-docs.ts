import { deliveryErrors } from './delivery-errors.js';
import { httpErrors } from './error-codes.js';

/** docs/errors.md, rendered from the registry so the two cannot drift. */
export function renderErrorDocs(): string {
  const http = Object.entries(httpErrors).map(
    ([code, e]) =>
      `| \`${code}\` | ${e.status} | ${e.title} | ${e.detail.replaceAll('|', '\\|')} |`,
  );
  const delivery = Object.entries(deliveryErrors).map(
    ([code, text]) => `| \`${code}\` | ${text} |`,
  );
  return [
    '# Error codes',
    '',
    'Generated from `packages/core/src/platform/errors/error-codes.ts` and `delivery-errors.ts` by `npm run generate`; do not edit by hand.',
    '',
    '## API errors',
    '',
    'Every error response is an `application/problem+json` document:',
    '',
    '```json',
    '{',
    '  "type": "urn:herald:error:invalid_phone_number",',
    '  "title": "Invalid phone number",',
    '  "status": 422,',
    '  "code": "invalid_phone_number",',
    '  "detail": "`to` must be a phone number in E.164 format, like +14155550100.",',
    '  "param": "to",',
    '  "request_id": "req_01J..."',
    '}',
    '```',
    '',
    '`param` names the request field at fault (a dotted path) when there is one. `{param}` and',
    '`{reason}` below are filled in for the request at hand.',
    '',
    '| code | status | title | what to do |',
    '|---|---|---|---|',
    ...http,
    '',
    '## Delivery errors',
    '',
    'The `error_code` of a message that ended `failed`.',
    '',
    '| code | meaning |',
    '|---|---|',
    ...delivery,
    '',
  ].join('\n');
}
