import { cdk8s, javascript, JsonFile } from 'projen';

const project = new cdk8s.ConstructLibraryCdk8s({
  name: 'cdk8s-secure-tekton',
  description:
    'cdk8s constructs that make Tekton CI/CD pipelines secure by construction: hardened steps, least-privilege identity, egress control and supply-chain configuration.',
  author: 'cdk8s-secure-tekton maintainers',
  authorAddress: 'maintainers@cdk8s-secure-tekton.dev',
  authorOrganization: true,
  repositoryUrl: 'https://github.com/cdk8s-secure-tekton/cdk8s-secure-tekton.git',
  homepage: 'https://github.com/cdk8s-secure-tekton/cdk8s-secure-tekton#readme',
  defaultReleaseBranch: 'main',
  keywords: ['cdk8s', 'tekton', 'security', 'supply-chain', 'kubernetes'],
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,

  cdk8sVersion: '2.70.0',
  constructsVersion: '10.4.2',
  jsiiVersion: '~6.0.0',

  github: false,
  release: false,
  // semver: 0.x while the API settles; CHANGELOG.md says what each version changes
  majorVersion: 0,
  stability: 'experimental',
  minNodeVersion: '20.0.0',

  // jsii language targets: `npx projen package-all` builds the npm tarball, the Python
  // wheel, the Java jar and the Go module (.NET metadata below; it cannot be built here).
  publishToPypi: { distName: 'cdk8s-secure-tekton', module: 'cdk8s_secure_tekton' },
  publishToMaven: {
    javaPackage: 'dev.cdk8s_secure_tekton',
    mavenGroupId: 'dev.cdk8s-secure-tekton',
    mavenArtifactId: 'cdk8s-secure-tekton',
  },
  publishToGo: { moduleName: 'github.com/cdk8s-secure-tekton/cdk8s-secure-tekton-go' },

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
      // Every core runs a worker (jest's default leaves one to its own process, which on two
      // cores means every suite in one process that grows for the whole run), and a worker
      // that has grown is replaced: the suite runs in about half the time.
      maxWorkers: '100%',
      workerIdleMemoryLimit: '700MB',
      // Temporary files of the run go under one directory, removed at its end.
      globalSetup: '<rootDir>/test/helpers/global-setup.ts',
      globalTeardown: '<rootDir>/test/helpers/global-teardown.ts',
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

// Where Maven builds the Java smoke test (test/bindings/java) when it is run by hand.
project.gitignore.exclude('/test/bindings/java/target/');

// Every warning of jsii fails the build, its reserved-word check (JSII5018) too, which projen
// silences: a member or parameter named after a reserved word of a target language (`type` in
// Go, `default` in Java, `params` and `namespace` in C#, `except` in Python) gets a mangled name
// in that language's bindings.
project.compileTask.reset('jsii --fail-on-warnings');
project.tasks.tryFind('watch')?.reset('jsii -w --fail-on-warnings');

// The Go conformance oracle (and the binary the tests build) is not part of the package.
project.addPackageIgnore('/conformance/');

// What the npm package holds, as an allow-list (npm adds package.json, README.md,
// LICENSE and the bundled dependencies): the compiled library, its jsii assembly and
// API reference, the audit CLI and the documents the README links to. Examples,
// benchmarks, scripts, CI, schemas (read by the tests only), tests and src/ stay out;
// test/package.test.ts checks the list.
project.package.addField('files', ['lib/**/*.js', 'lib/**/*.d.ts', '.jsii', 'API.md', 'CHANGELOG.md', 'bin/', 'docs/']);

// `npm ci` cannot resolve the platform packages of the newest unrs-resolver here.
project.package.addField('overrides', { 'unrs-resolver': '1.12.2' });

// .NET metadata for jsii (the package is not built here: no .NET SDK on this machine)
project.package.file.addOverride('jsii.targets.dotnet', {
  namespace: 'Cdk8sSecureTekton',
  packageId: 'Cdk8sSecureTekton',
});

// Java and Go bindings build against the jsii dependencies' own bindings, generated from
// the installed assemblies where jsii-pacmak looks first (scripts/dependency-bindings.ts).
for (const target of ['java', 'go']) {
  project.tasks.tryFind(`package:${target}`)?.prependExec(
    `ts-node --transpile-only --project test/tsconfig.json scripts/dependency-bindings.ts ${target}`,
    { name: `Build the ${target} bindings of the jsii dependencies` },
  );
}

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

// The field names of Tekton's objects, for TEKTON_FIELD_NAMES (src/private/field-names.ts).
project.addTask('field-names', {
  description: 'Regenerate src/private/field-names.ts from schemas/ and conformance/core-fields.json (-- --refresh: rerun conformance/cmd/core-fields first, needs Go)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-field-names.ts',
  receiveArgs: true,
});

// The Unicode class names Go's regexp accepts, for the patterns of VerificationPolicies (src/private/go-unicode-classes.ts).
project.addTask('regexp-classes', {
  description: 'Regenerate src/private/go-unicode-classes.ts from conformance/regexp-classes.json (-- --refresh: rerun conformance/cmd/regexp-classes first, needs Go)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-go-regexp-classes.ts',
  receiveArgs: true,
});

// The fields of GitHub's, GitLab's and Bitbucket's webhook events that are objects or arrays, for TRIGGERS_ESCAPED_PARAMS (src/private/webhook-fields.ts).
project.addTask('webhook-fields', {
  description: 'Regenerate src/private/webhook-fields.ts from conformance/webhook-fields.json (-- --refresh: rerun conformance/webhooks/cmd/webhook-fields first, needs Go)',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/generate-webhook-fields.ts',
  receiveArgs: true,
});

// Every TypeScript example of README.md and of the doc comments (API.md's examples) compiles
// against the API: jsii-rosetta compiles each, in the assembly's strict mode (a compile error
// fails the task), inside rosetta/default.ts-fixture unless marked `ts nofixture`.
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
project.gitignore.exclude('.jsii.tabl.json');
project.addTask('rosetta:extract', {
  description: 'Compile every TypeScript example of README.md and of the doc comments with jsii-rosetta (after `npx projen compile`)',
  exec: 'jsii-rosetta extract --compile .',
});

// The README's main job: synthesize every example app into examples/out/<example>/.
project.addTask('examples', {
  description: 'Synthesize every example app into examples/out/<example>/',
  exec: 'ts-node --transpile-only --project test/tsconfig.json scripts/synth-examples.ts',
});

// Smoke tests of the Python, Go and Java packages in dist/ (`npx projen package-all`
// first): the README's quick start in each language, its YAML compared with TypeScript's
// byte for byte, and the error helpers (test/bindings/README.md).
project.addTask('test:bindings', {
  description: 'Run the quick start from the Python, Go and Java packages in dist/ and compare the YAML with TypeScript\'s',
  exec: 'ts-node --transpile-only --project test/tsconfig.json test/bindings/run.ts',
  receiveArgs: true,
});

// The API reference per language, with the examples translated by jsii-rosetta
// (not committed; Construct Hub renders the same from a published package).
project.addTask('docgen:languages', {
  description: 'Write the API reference for Python, Java and Go into dist/api/API.<language>.md',
  exec: 'jsii-docgen -l python -l java -l go -o dist/api/API.md',
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

// With the v8 coverage provider, jest's own process keeps every suite's raw coverage (and the code
// it covers) until the run ends: over two hundred suites need more than node's default 4 GB heap.
project.testTask.env('NODE_OPTIONS', '--max-old-space-size=8192');

project.synth();
