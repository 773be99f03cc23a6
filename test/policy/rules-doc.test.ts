import * as fs from 'fs';
import { RULES_DOC, rulesMarkdown } from '../../scripts/rules-doc';
import { RuleCatalogue } from '../../src';

test('docs/rules.md is generated from the catalogue and up to date (npx projen rules-doc)', () => {
  expect(fs.readFileSync(RULES_DOC, 'utf8')).toBe(rulesMarkdown());
});

test('docs/rules.md documents every rule', () => {
  const doc = rulesMarkdown();
  for (const r of RuleCatalogue.all()) {
    expect(doc).toContain(`## ${r.id}\n`);
    expect(doc).toContain(r.rationale);
  }
});
