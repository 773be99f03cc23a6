/** Every example app, by the folder name it is synthesized into. */
import { App } from 'cdk8s';
import { buildPipelineApp } from './build-pipeline/app';
import { clusterConfigApp } from './cluster-config/app';

export const EXAMPLES: Record<string, (outdir: string) => App> = {
  'build-pipeline': buildPipelineApp,
  'cluster-config': clusterConfigApp,
};
