import { cosignVerifications } from '../../src/private/chains-signing';

describe('cosignVerifications', () => {
  const script = '#!/bin/sh\nexport COSIGN_KEY=$(params.key)\nout=$(cosign verify --certificate-identity "$ID" $(params.image))\nflock /tmp/l cosign verify-attestation --key "$K" img\n';
  const params = (values: Record<string, string>) => (param: string) => (param in values ? [values[param]] : []);
  const read = (env: Array<{ name: string; value: string }>, values: Record<string, string>) => cosignVerifications({ script, env }, params(values));

  test('a script read once per text is judged with each container\'s own env and params, and each call gets verifications of its own', () => {
    const first = read([{ name: 'ID', value: 'a' }, { name: 'K', value: 'k8s://a/s' }], { key: 'k1' });
    expect(first).toEqual([
      { property: 'script', subcommand: 'verify', identity: { written: '--certificate-identity $ID', values: ['a'] }, key: { written: 'COSIGN_KEY=$(params.key)', values: ['k1'], property: 'script' } },
      { property: 'script', subcommand: 'verify-attestation', key: { written: '--key $K', values: ['k8s://a/s'] } },
    ]);
    // what a caller does to what it got does not reach the next reading of the same text
    (first[0] as any).identity.values.push('changed');
    (first as any[]).pop();
    const second = read([{ name: 'ID', value: 'b' }], { key: 'k2' });
    expect(second).toEqual([
      { property: 'script', subcommand: 'verify', identity: { written: '--certificate-identity $ID', values: ['b'] }, key: { written: 'COSIGN_KEY=$(params.key)', values: ['k2'], property: 'script' } },
      { property: 'script', subcommand: 'verify-attestation', key: { written: '--key $K', values: [] } },
    ]);
    expect(read([{ name: 'ID', value: 'a' }, { name: 'K', value: 'k8s://a/s' }], { key: 'k1' })).toEqual([
      { property: 'script', subcommand: 'verify', identity: { written: '--certificate-identity $ID', values: ['a'] }, key: { written: 'COSIGN_KEY=$(params.key)', values: ['k1'], property: 'script' } },
      { property: 'script', subcommand: 'verify-attestation', key: { written: '--key $K', values: ['k8s://a/s'] } },
    ]);
  });

  test('the text alone decides which commands run cosign: another text with the same commands but one is read anew', () => {
    const other = script.replace('flock /tmp/l cosign', 'flock /tmp/l echo cosign');
    expect(read([], {}).map((v) => v.subcommand)).toEqual(['verify', 'verify-attestation']);
    expect(cosignVerifications({ script: other }, params({})).map((v) => v.subcommand)).toEqual(['verify']);
    expect(read([], {}).map((v) => v.subcommand)).toEqual(['verify', 'verify-attestation']);
  });
});
