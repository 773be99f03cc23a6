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

test('every rule says what it decides from, what it does not see, and how to relax it (or that it cannot be)', () => {
  const doc = rulesMarkdown();
  for (const r of RuleCatalogue.all()) {
    for (const [label, text] of [['Decides from', r.decidesFrom], ['Known limits', r.limits], ['How to relax', r.howToRelax]] as const) {
      expect([r.id, label, (text ?? '').trim() !== '']).toEqual([r.id, label, true]);
      expect(doc).toContain(`${label}: ${text}\n`);
    }
    if (r.relaxable) {
      // the relaxation is written out with the rule's own RuleId member
      expect([r.id, r.howToRelax]).toEqual([r.id, expect.stringContaining(`rule: RuleId.${r.id}`)]);
      expect([r.id, r.howToRelax]).toEqual([r.id, expect.not.stringMatching(/cannot be relaxed/i)]);
    } else {
      expect([r.id, r.howToRelax]).toEqual([r.id, expect.stringMatching(/^Cannot be relaxed\b/)]);
      expect([r.id, r.howToRelax]).toEqual([r.id, expect.not.stringContaining(`rule: RuleId.${r.id}`)]);
    }
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
