/**
 * Robustness of the rule catalogue and the audit on odd input: a realistic object of any kind the
 * rules read (robustness-corpus.ts: the example apps' objects, the audit fixtures', and
 * hand-written Tekton, Chains, resolver, Triggers, RBAC, network, Secrets Store, workload,
 * Gatekeeper, Kyverno and operator objects) with subtrees at any depth replaced by a value of
 * another JSON type, deleted, copied, given keys every JavaScript object inherits, or nested
 * deeply (robustness-generators.ts), checked together with objects of every kind, so that the
 * cross-object rules read it from the others too:
 *
 * (a) no rule throws (the evaluation the audit runs, evaluateManifests, throws a RuleCrashError
 *     naming the rule and the object when one does);
 * (b) the audit of the objects written to files (YAML and JSON), with either profile, reports no
 *     internal error: its exit code is 0 or 1, or 2 only for a file the reader refuses (as
 *     kubectl would).
 *
 * Bounded and seeded (PROPERTY_SEED, ROBUSTNESS_RUNS to scale the number of runs) so that the
 * file stays well within a minute on 2 cores.
 */
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import * as fc from 'fast-check';
import { stringify } from 'yaml';
import { corpus, HAND_WRITTEN } from './robustness-corpus';
import { copy, oddCaseArb, oddObject } from './robustness-generators';
import { audit } from '../../src/cli/audit';
import { evaluateManifests } from '../../src/policy/engine/evaluate';

const SEED = Number(process.env.PROPERTY_SEED ?? 20261204);
const SCALE = Number(process.env.ROBUSTNESS_RUNS ?? 1);
const runs = (n: number) => ({ numRuns: Math.max(1, Math.round(n * SCALE)), seed: SEED });

const all = corpus();
/** An object as YAML; as JSON (YAML too) where the YAML writer's call stack does not reach. */
function yamlText(o: unknown): string {
  try {
    return stringify(o, { aliasDuplicateObjects: false });
  } catch (e) {
    if (!(e instanceof RangeError)) throw e;
    return JSON.stringify(o);
  }
}

/** Objects of every kind, checked with the odd one (without the object it was made from). */
const others = (index: number) => copy(HAND_WRITTEN).filter((_, i) => i !== index);

describe('odd values anywhere in realistic objects', () => {
  test('the corpus holds objects of every kind the rules read (sanity)', () => {
    const kinds = new Set(all.map((o) => o.kind));
    for (const kind of ['Task', 'TaskRun', 'Pipeline', 'PipelineRun', 'StepAction', 'ConfigMap', 'Namespace', 'Role', 'ClusterRoleBinding', 'NetworkPolicy',
      'CiliumNetworkPolicy', 'GlobalNetworkPolicy', 'AdminNetworkPolicy', 'SecretProviderClass', 'VerificationPolicy', 'EventListener', 'TriggerTemplate',
      'Deployment', 'CronJob', 'ClusterPolicy', 'ConstraintTemplate', 'TektonConfig', 'TektonPipeline', 'ValidatingAdmissionPolicy']) {
      expect(kinds).toContain(kind);
    }
    expect(all.filter((o) => o.kind === 'ConfigMap').map((o) => o.metadata.name))
      .toEqual(expect.arrayContaining(['feature-flags', 'config-defaults', 'chains-config', 'git-resolver-config', 'cluster-resolver-config']));
    expect(new Set(all.filter((o) => o.kind === 'PipelineRun').map((o) => o.apiVersion))).toEqual(new Set(['tekton.dev/v1', 'tekton.dev/v1beta1']));
  });

  test('no rule throws on the odd object, nor on the others checked with it', () => {
    fc.assert(fc.property(oddCaseArb(all.length), (c) => {
      const odd = oddObject(all, c);
      expect(() => evaluateManifests([...others(c.object), odd])).not.toThrow();
    }), runs(300));
  });

  test('the audit of the objects written to files reports no internal error', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rule-robustness-'));
    try {
      fc.assert(fc.property(oddCaseArb(all.length), fc.boolean(), fc.constantFrom('strict' as const, 'platform' as const), (c, asYaml, profile) => {
        const odd = oddObject(all, c);
        const files = fs.mkdtempSync(path.join(dir, 'case-'));
        fs.writeFileSync(path.join(files, 'others.yaml'), others(c.object).map((o) => stringify(o)).join('---\n'));
        fs.writeFileSync(path.join(files, asYaml ? 'odd.yaml' : 'odd.json'), asYaml ? yamlText(odd) : JSON.stringify(odd));
        const r = audit([files], { format: 'json', profile });
        const report = JSON.parse(r.stdout);
        expect(report.internalErrors).toEqual([]);
        expect(r.exitCode === 2 ? report.unreadFiles.length : 0).toBe(r.exitCode === 2 ? 1 : 0);
        fs.rmSync(files, { recursive: true, force: true });
      }), runs(60));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
