import * as fs from 'fs';
import * as path from 'path';
import * as ts from 'typescript';
import { README, RULES_DOC, rulesMarkdown, withRulesTable } from '../../scripts/rules-doc';
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

test('the README\'s rule table is generated from the catalogue and up to date (npx projen rules-doc)', () => {
  const readme = fs.readFileSync(README, 'utf8');
  expect(readme).toBe(withRulesTable(readme));
});

test('each RuleId member is documented with its rule\'s title, so API.md cannot drift from the catalogue', () => {
  const file = path.resolve(__dirname, '..', '..', 'src', 'policy', 'rule-id.ts');
  const source = ts.createSourceFile(file, fs.readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const docs = new Map<string, string>();
  source.forEachChild((node) => {
    if (!ts.isEnumDeclaration(node)) return;
    for (const m of node.members) {
      const doc = ts.getJSDocCommentsAndTags(m).map((d) => (typeof d.comment === 'string' ? d.comment : '')).join('');
      docs.set(m.name.getText(source), doc);
    }
  });
  for (const r of RuleCatalogue.all()) expect([r.id, docs.get(r.id)]).toEqual([r.id, `${r.title}.`]);
});
