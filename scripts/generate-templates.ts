// Writes the blank .xlsx templates in templates/ from their definitions (npm run templates).
// tests/templates.test.ts fails when a committed file no longer matches its definition.
import { writeFile } from 'node:fs/promises';
import { blankTemplateSheet } from '../src/engine/annex-sheet.js';
import { builtinTemplates } from '../src/engine/builtin.js';
import { writeSpecs } from '../src/io/xlsx.js';

for (const template of builtinTemplates()) {
  const file = new URL(`../templates/${template.id}.xlsx`, import.meta.url);
  await writeFile(file, await writeSpecs([blankTemplateSheet(template)]));
  process.stdout.write(`templates/${template.id}.xlsx\n`);
}
