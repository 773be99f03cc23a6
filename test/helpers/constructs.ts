/**
 * Small builders shared by the construct tests.
 */
import { Chart, Testing } from 'cdk8s';
import { RuleId, StepProps } from '../../src';
import { SecureTektonError } from '../../src/policy/errors';

/** A digest-pinned image for tests (the digest is a well-formed placeholder). */
export const PINNED = 'registry.example.com/tools/sh@sha256:' + 'a'.repeat(64);

/** The securityContext every step and sidecar gets by default, spelled out once for the tests. */
export const HARDENED_SECURITY_CONTEXT = {
  runAsNonRoot: true,
  runAsUser: 65532,
  runAsGroup: 65532,
  allowPrivilegeEscalation: false,
  privileged: false,
  readOnlyRootFilesystem: true,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' },
};

/** A minimal hardened step. */
export function step(overrides: Partial<StepProps> = {}): StepProps {
  return { name: 'run', image: PINNED, script: '#!/bin/sh\necho hello\n', ...overrides };
}

/** A fresh chart. */
export function chart(): Chart {
  return Testing.chart();
}

/** Synthesized objects of a given kind. */
export function objectsOf(c: Chart, kind: string): any[] {
  return Testing.synth(c).filter((o: any) => o.kind === kind);
}

/** The single synthesized object of a given kind. */
export function only(c: Chart, kind: string): any {
  const found = objectsOf(c, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}

/**
 * The relaxation annotations of a synthesized object, after checking that the
 * library sealed it (the seal is left out of the result).
 */
export function relaxationsOf(manifest: any): Record<string, string> {
  const annotations = { ...manifest.metadata?.annotations };
  expect(annotations['secure-tekton/seal']).toMatch(/^sha256:[a-f0-9]{64}$/);
  delete annotations['secure-tekton/seal'];
  return annotations;
}

/** The lines (trimmed) of the refusal that synth of `c` throws which name `rule`; fails the test unless synth throws a SecureTektonError. */
export function refusalLinesOf(c: Chart, rule: RuleId): string[] {
  let error: unknown;
  try {
    Testing.synth(c);
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(SecureTektonError);
  return (error as Error).message.split('\n').map((l) => l.trim()).filter((l) => l.includes(`[${rule}]`));
}

/** The whole message `synth` throws (every finding of it); fails the test when it passes. */
export function messageOf(synth: () => unknown): string {
  try {
    synth();
  } catch (e) {
    return (e as Error).message;
  }
  throw new Error('expected a refusal, but synth passed');
}
