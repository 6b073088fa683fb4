// Writes the docs that are rendered from code (run by `npm run generate`, through tsx).
import { readFileSync, writeFileSync } from 'node:fs';
import { fieldNamesByClass, loadSpec, withInventory } from '../openapi/src/index.js';
import { renderPermissionTable } from '../packages/api/src/openapi/permission-table.js';
import { renderErrorDocs } from '../packages/core/src/platform/errors/error-docs.js';
import { renderRedactKeys } from '../packages/core/src/platform/logging/redact-keys.render.js';

writeFileSync('docs/errors.md', renderErrorDocs());
writeFileSync('docs/permissions.md', renderPermissionTable(loadSpec()));
writeFileSync(
  'docs/privacy.md',
  withInventory(readFileSync('docs/privacy.md', 'utf8'), loadSpec()),
);
writeFileSync(
  'packages/core/src/platform/logging/redact-keys.generated.ts',
  renderRedactKeys(fieldNamesByClass(loadSpec())),
);
console.log('wrote docs/errors.md, docs/permissions.md and the redaction keys');
