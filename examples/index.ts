/** Every example app, by the folder name it is synthesized into. */
import { App } from 'cdk8s';
import { PostureReport } from '../src';
import { buildPipelineApp } from './build-pipeline/app';
import { clusterConfigApp } from './cluster-config/app';
import { conditionalDeployApp } from './conditional-deploy/app';
import { goldenPathApp } from './golden-path/app';
import { multiPlatformBuildApp } from './multi-platform-build/app';

export const EXAMPLES: Record<string, (outdir: string) => App> = {
  'build-pipeline': buildPipelineApp,
  'cluster-config': clusterConfigApp,
  'multi-platform-build': multiPlatformBuildApp,
  'conditional-deploy': conditionalDeployApp,
  'golden-path': goldenPathApp,
};

/**
 * Synthesize one example into `outdir` (runs with a generateName into `outdir/runs/`),
 * with its posture report next to it, in `<outdir>-posture/`.
 */
export function synthExample(name: string, outdir: string): App {
  const app = EXAMPLES[name](outdir);
  app.synth();
  PostureReport.writeFor(app);
  return app;
}
