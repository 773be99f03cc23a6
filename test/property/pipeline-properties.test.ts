/**
 * "Secure unless explicitly loosened", over random inputs:
 * - every valid generated app synthesizes, passes every rule, validates strictly and
 *   carries no secret material;
 * - the same app with one defect throws the library's error naming the defect's rule,
 *   and nothing is written;
 * - a relaxation of that defect loosens exactly its rule, and it is reported.
 */
import * as fs from 'fs';
import * as fc from 'fast-check';
import { build, DEFECTS, validPipeline } from './generators';
import { PostureReport, Relaxations, RuleCatalogue, RuleId } from '../../src';
import { SecureTektonError } from '../../src/policy/errors';
import { validateManifest } from '../helpers/schema';

/** Bounded so the whole file stays within a few seconds on 2 cores. */
const RUNS = { numRuns: 25, seed: Number(process.env.PROPERTY_SEED ?? 20261123) };

const manifestsOf = (app: ReturnType<typeof build>) => app.charts.flatMap((c) => c.toJson());

describe('valid pipelines', () => {
  test('synthesize, pass every rule and carry no secret material', () => {
    fc.assert(fc.property(validPipeline, (spec) => {
      const objects = manifestsOf(build(spec));
      expect(objects.flatMap((o) => RuleCatalogue.check(o))).toEqual([]);
      for (const o of objects.filter((x) => x.kind === 'Secret')) {
        expect(o.data ?? {}).toEqual({});
        expect(o.stringData ?? {}).toEqual({});
      }
      // every task pod is isolated in both directions
      expect(objects.some((o) => o.kind === 'NetworkPolicy' && o.metadata.name === 'pipeline-deny-all')).toBe(true);
    }), RUNS);
  });

  test('validate strictly against the reference schemas', () => {
    fc.assert(fc.property(validPipeline, (spec) => {
      expect(manifestsOf(build(spec)).flatMap(validateManifest)).toEqual([]);
    }), { ...RUNS, numRuns: 10 });
  });
});

describe('one injected defect', () => {
  test.each(DEFECTS.map((d) => [d.name, d] as const))('%s: refused with its rule, nothing written', (_name, defect) => {
    fc.assert(fc.property(validPipeline, (spec) => {
      let error: unknown;
      let outdir: string | undefined;
      try {
        const app = build(spec, defect);
        outdir = app.outdir;
        app.synth();
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(SecureTektonError);
      expect((error as SecureTektonError).rule).toBe(defect.rule);
      if (outdir) expect(fs.readdirSync(outdir)).toEqual([]);
    }), { ...RUNS, numRuns: 5 });
  });
});

describe('relaxations', () => {
  const relaxable = DEFECTS.filter((d) => d.relaxable);

  test.each(relaxable.map((d) => [d.name, d] as const))('%s relaxed: exactly that rule is loosened and reported', (_name, defect) => {
    fc.assert(fc.property(validPipeline, fc.stringMatching(/^[a-z]{10}[a-z ]{0,30}$/), (spec, reason) => {
      const app = build(spec, defect, { rule: defect.rule, reason });
      const report = PostureReport.fromApp(app);
      // the library's own trust records (trusted tasks holding credentials) are relaxations too; leave them aside
      const isTrustRecord = (rule: RuleId, why?: string) => rule === RuleId.CREDENTIALS_TRUSTED_TASK && /marks trusted/.test(why ?? '');
      const relaxed = report.objects.flatMap((o) => o.checks.filter((c) => c.status === 'relaxed' && !isTrustRecord(c.rule, c.reason)).map((c) => c.rule));
      expect([...new Set(relaxed)]).toEqual([defect.rule]);
      expect(report.summary.failed).toBe(0);
      const given = Relaxations.of(app).list().filter((r) => !isTrustRecord(r.rule, r.reason));
      expect(given.map((r) => [r.rule, r.reason])).toEqual([[defect.rule, reason.trim()]]);
    }), { ...RUNS, numRuns: 5 });
  });
});
