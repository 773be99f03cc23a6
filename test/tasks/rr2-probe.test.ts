import { Testing } from 'cdk8s';
import { EgressPeer, EgressPort, ImageSigner, ImageVerify, SecurePipeline } from '../../src';
test('probe', () => {
  for (const image of [`registry.example.com:5000/app@sha256:${'A'.repeat(64)}`, `registry.example.com:5000/app@sha256:${'a'.repeat(64)}`]) {
    const c = Testing.chart();
    const task = new ImageVerify(c, 'image-verify', { signer: ImageSigner.keyless({ oidcIssuer: 'https://token.actions.githubusercontent.com', identity: 'https://github.com/acme/app/.github/workflows/release.yml@refs/heads/main' }) });
    const pipeline = new SecurePipeline(c, 'release', {});
    const v = pipeline.addTask({ task, name: 'verify', parameters: { image } });
    v.allowEgressTo(EgressPeer.cidr('203.0.113.0/24'), [EgressPort.tcp(443)]);
    try { Testing.synth(c); console.log('synthesized'); } catch (e) { console.log((e as Error).message); }
  }
});
