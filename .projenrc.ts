import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-secure-tekton',
  description:
    'cdk8s constructs that make Tekton CI/CD pipelines secure by construction: hardened steps, least-privilege identity, egress control and supply-chain configuration.',
  author: 'cdk8s-secure-tekton maintainers',
  authorAddress: 'maintainers@example.com',
  repositoryUrl: 'https://example.com/cdk8s-secure-tekton.git',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'tekton', 'security', 'supply-chain', 'kubernetes'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',

  // Only the JavaScript target can be built and tested here.
  github: false,
  release: false,

  peerDeps: ['cdk8s-plus-28@^2.5.6'],
  // The audit CLI parses YAML at run time with js-yaml (several times faster than yaml on
  // large inputs), and with yaml where js-yaml and kubectl could differ; neither is a jsii
  // package, so both are bundled.
  bundledDeps: ['js-yaml@^4', 'yaml@^2'],
  bin: { 'cdk8s-secure-tekton': 'bin/cdk8s-secure-tekton' },
  devDeps: [
    // jsii 6 and ts-jest need TypeScript 6.
    'typescript@~6.0.3',
    '@types/node@^20',
    'cdk8s-cli',
    'cdk8s-plus-28@^2.5.6',
    'ajv@^8',
    'ajv-formats@^3',
    '@ibm/tekton-lint@^1.1.0',
    'fast-check@^4',
    '@types/js-yaml@^4',
    '@bufbuild/cel',
  ],

  jestOptions: {
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      coveragePathIgnorePatterns: ['/node_modules/', '/src/imports/'],
      coverageReporters: ['json', 'lcov', 'text-summary'],
      // Synthesizing every example and validating it strictly is not instant on a 2-core machine.
      testTimeout: 60_000,
    },
  },
  typecheckTests: true,
  tsconfigDev: {
    include: ['../examples/**/*.ts', '../scripts/**/*.ts', '../bench/**/*.ts'],
    compilerOptions: {},
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'bench'],
    ignorePatterns: ['src/imports/', 'examples/out/'],
  },
  // The Tekton oracle's binary: where the tests build it, and where `go build ./...` writes it
  // (see conformance/README.md).
  gitignore: ['examples/out/', '/coverage/', '.tekton-lint-cache/', '/conformance/bin/', '/conformance/tekton-validate'],
  npmignoreEnabled: true,
});

// The Go conformance oracle (and the binary the tests build) is not part of the package.
project.addPackageIgnore('/conformance/');

// `npm ci` cannot resolve the platform packages of the newest unrs-resolver here.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// examples/ and scripts/ are type-checked with the tests; eslint's project
// service needs a tsconfig.json in each folder to find them.
for (const dir of ['examples', 'scripts']) {
  new JsonFile(project, `${dir}/tsconfig.json`, {
    obj: {
      extends: '../tsconfig.json',
      compilerOptions: { rootDir: '..', noEmit: true },
      include: ['**/*.ts'],
      exclude: ['out'],
    },
  });
}

// Structure-only schemas and config data in schemas/, from the reference folder
// (../shared/reference or $SECURE_TEKTON_REFERENCE); the only task that reads it.
project.addTask('schemas', {
  description: 'Regenerate schemas/ from ../shared/reference (or $SECURE_TEKTON_REFERENCE); see schemas/README.md',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-schemas.ts',
});

// Typed L1s for the CRDs in schemas/ (only the versions the library emits).
project.addTask('import', {
  description: 'Regenerate the typed L1s in src/imports/ from the CRDs in schemas/',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/import-crds.ts',
});

// The README's main job: synthesize every example app into examples/out/<example>/.
project.addTask('examples', {
  description: 'Synthesize every example app into examples/out/<example>/',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/synth-examples.ts',
});

// Benchmarks: not part of the test run.
project.addTask('bench', {
  description: 'Run the benchmarks (synth ratio and scaling, audit speed-up, peak RSS); see bench/README.md',
  exec: 'ts-node --transpile-only --project test/tsconfig.json bench/run.ts',
});

// The rules document is generated from the catalogue's metadata.
project.addTask('rules-doc', {
  description: 'Regenerate docs/rules.md from the rule catalogue',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/rules-doc.ts',
});

project.synth();
