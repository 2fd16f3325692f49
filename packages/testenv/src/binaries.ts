import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
  closeSync,
} from 'node:fs';
import { join } from 'node:path';
import { acquireLock } from './lock.ts';
import { withLogTail } from './log-tail.ts';
import { goModulesRoot, testenvHome } from './paths.ts';

/** Programs served by the multi-call `kube` binary; each gets a symlink so argv[0] selects it. */
export const kubePrograms = ['kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kubectl'] as const;

/** kwok's stock stages, as kwokctl configures them: fast node/pod lifecycles plus lease heartbeats. */
export const kwokStageFiles = [
  'node/fast/node-initialize.yaml',
  'node/heartbeat-with-lease/node-heartbeat-with-lease.yaml',
  'pod/fast/pod-ready.yaml',
  'pod/fast/pod-complete.yaml',
  'pod/fast/pod-delete.yaml',
] as const;

export interface Versions {
  kubernetes: string;
  etcd: string;
  kwok: string;
}

export interface Binaries {
  /** Folder of this build: `<home>/bin/<key>`. */
  root: string;
  kube: string;
  kubeApiserver: string;
  kubeControllerManager: string;
  kubeScheduler: string;
  kubectl: string;
  etcd: string;
  kwok: string;
  /** Helm 3, for tests of the chart in docker/chart; cached apart, so it never rebuilds the control plane. */
  helm: string;
  /** kwok Stage manifests copied from the module cache at build time. */
  stages: string[];
  versions: Versions;
}

export interface BuildManifest {
  key: string;
  versions: Versions;
  goVersion: string;
  builtAt: string;
  /** Wall-clock seconds per module; they build concurrently, so they overlap. */
  buildSeconds: Record<'kube' | 'etcd' | 'kwok', number>;
  totalSeconds: number;
  sizes: Record<string, number>;
}

export interface EnsureBinariesOptions {
  home?: string;
  /** Progress lines (building, waiting for another build); silent when omitted. */
  log?: (line: string) => void;
}

interface GoModule {
  name: 'kube' | 'etcd' | 'kwok' | 'helm';
  dir: string;
  /** Module path of the upstream project whose version names the build. */
  upstream: string;
  /** Package to build, relative to the wrapper module. */
  target: string;
}

const modules: GoModule[] = [
  { name: 'kube', dir: join(goModulesRoot, 'k8s'), upstream: 'k8s.io/kubernetes', target: '.' },
  {
    name: 'etcd',
    dir: join(goModulesRoot, 'etcd'),
    upstream: 'go.etcd.io/etcd/server/v3',
    target: 'go.etcd.io/etcd/server/v3',
  },
  { name: 'kwok', dir: join(goModulesRoot, 'kwok'), upstream: 'sigs.k8s.io/kwok', target: 'sigs.k8s.io/kwok/cmd/kwok' },
];

const helmModule: GoModule = {
  name: 'helm',
  dir: join(goModulesRoot, 'helm'),
  upstream: 'helm.sh/helm/v3',
  target: 'helm.sh/helm/v3/cmd/helm',
};

/** Bump when the way binaries are built changes, so old caches are not reused. */
const recipeRevision = '1';
const helmRecipeRevision = '2';

/**
 * Returns the control-plane binaries, building them from the Go wrapper modules on first use.
 * Builds are cached under a key made of the upstream versions and a hash of every go.mod, go.sum
 * and Go source file, so a warm start builds nothing and a dependency bump rebuilds.
 */
export async function ensureBinaries(options: EnsureBinariesOptions = {}): Promise<Binaries> {
  const home = options.home ?? testenvHome();
  const log = options.log ?? (() => {});
  const versions = readVersions();
  const key = cacheKey(versions);
  const root = join(home, 'bin', key);
  const helm = await ensureHelm(home, log);
  if (isComplete(root)) return describe(root, versions, helm);

  mkdirSync(join(home, 'bin'), { recursive: true });
  const lock = await acquireLock(`${root}.lock`, {
    timeoutMs: 90 * 60_000,
    onWait: (pid) => log(`waiting for the build in process ${pid} to finish (${root})`),
  });
  try {
    // Another process may have finished the build while this one waited for the lock.
    if (isComplete(root)) return describe(root, versions, helm);
    await build(root, key, versions, log);
    return describe(root, versions, helm);
  } finally {
    lock.release();
  }
}

function moduleVersion(module: GoModule): string {
  const goMod = readFileSync(join(module.dir, 'go.mod'), 'utf8');
  const escaped = module.upstream.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  const match = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+(v\\S+)`, 'm').exec(goMod);
  if (!match?.[1]) throw new Error(`${module.dir}/go.mod does not require ${module.upstream}`);
  return match[1];
}

function readVersions(): Versions {
  const [kube, etcd, kwok] = modules.map(moduleVersion) as [string, string, string];
  return { kubernetes: kube, etcd, kwok };
}

function cacheKey(versions: Versions): string {
  return `k8s-${versions.kubernetes}_etcd-${versions.etcd}_kwok-${versions.kwok}_${sourceHash(modules)}`;
}

function sourceHash(hashed: GoModule[], revision = recipeRevision): string {
  const hash = createHash('sha256').update(revision);
  for (const module of hashed) {
    for (const file of readdirSync(module.dir).sort()) {
      if (file === 'go.mod' || file === 'go.sum' || file.endsWith('.go')) {
        hash
          .update(`${module.name}/${file}\0`)
          .update(readFileSync(join(module.dir, file)))
          .update('\0');
      }
    }
  }
  return hash.digest('hex').slice(0, 12);
}

function isComplete(root: string): boolean {
  return existsSync(join(root, 'manifest.json'));
}

function describe(root: string, versions: Versions, helm: string): Binaries {
  const bin = join(root, 'bin');
  return {
    root,
    kube: join(bin, 'kube'),
    kubeApiserver: join(bin, 'kube-apiserver'),
    kubeControllerManager: join(bin, 'kube-controller-manager'),
    kubeScheduler: join(bin, 'kube-scheduler'),
    kubectl: join(bin, 'kubectl'),
    etcd: join(bin, 'etcd'),
    kwok: join(bin, 'kwok'),
    helm,
    stages: kwokStageFiles.map((file) => join(root, 'stages', file.split('/').at(-1) ?? file)),
    versions,
  };
}

export function readBuildManifest(binaries: Binaries): BuildManifest {
  return JSON.parse(readFileSync(join(binaries.root, 'manifest.json'), 'utf8')) as BuildManifest;
}

async function build(root: string, key: string, versions: Versions, log: (line: string) => void): Promise<void> {
  const goVersion = await goToolVersion();
  const partial = `${root}.partial`;
  rmSync(partial, { recursive: true, force: true });
  mkdirSync(join(partial, 'bin'), { recursive: true });
  mkdirSync(join(partial, 'logs'));
  log(`building control-plane binaries with ${goVersion} into ${root} (first run only; cold builds take many minutes)`);

  const started = Date.now();
  const kubeLdflags = await kubernetesVersionLdflags(versions.kubernetes);
  const results = await Promise.allSettled(
    modules.map(async (module) => {
      const began = Date.now();
      const ldflags = module.name === 'kube' ? `-s -w ${kubeLdflags}` : '-s -w';
      const output = join(partial, 'bin', module.name);
      await runGo(['build', '-trimpath', '-ldflags', ldflags, '-o', output, module.target], {
        cwd: module.dir,
        logPath: join(partial, 'logs', `${module.name}.log`),
        what: `building ${module.name} (${module.upstream})`,
      });
      const seconds = Math.round((Date.now() - began) / 100) / 10;
      log(`built ${module.name} in ${seconds}s`);
      return [module.name, seconds] as const;
    }),
  );
  // Wait for every build before failing, so no go process outlives the lock.
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
  const timings = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));

  for (const program of kubePrograms) symlinkSync('kube', join(partial, 'bin', program));

  // Stages are copied next to the binaries so starting a cluster never needs the Go toolchain.
  const kwokModule = modules.find((module) => module.name === 'kwok');
  if (!kwokModule) throw new Error('kwok module missing from the build list');
  const kwokDir = (await goListModule(kwokModule.dir, 'sigs.k8s.io/kwok')).Dir;
  mkdirSync(join(partial, 'stages'));
  for (const file of kwokStageFiles) {
    copyFileSync(join(kwokDir, 'kustomize', 'stage', file), join(partial, 'stages', file.split('/').at(-1) ?? file));
  }

  const sizes: Record<string, number> = {};
  for (const module of modules) sizes[module.name] = statSync(join(partial, 'bin', module.name)).size;
  const manifest: BuildManifest = {
    key,
    versions,
    goVersion,
    builtAt: new Date().toISOString(),
    buildSeconds: Object.fromEntries(timings) as BuildManifest['buildSeconds'],
    totalSeconds: Math.round((Date.now() - started) / 100) / 10,
    sizes,
  };
  writeFileSync(join(partial, 'manifest.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  rmSync(root, { recursive: true, force: true });
  renameSync(partial, root);
  log(`control-plane binaries ready in ${manifest.totalSeconds}s`);
}

/**
 * Helm has a key of its own (`helm-<version>_<hash>`), so adding or bumping it leaves the
 * control-plane cache of every machine untouched. Returns the path of the helm binary.
 */
async function ensureHelm(home: string, log: (line: string) => void): Promise<string> {
  const version = moduleVersion(helmModule);
  const root = join(home, 'bin', `helm-${version}_${sourceHash([helmModule], helmRecipeRevision)}`);
  const binary = join(root, 'helm');
  if (existsSync(binary)) return binary;
  mkdirSync(join(home, 'bin'), { recursive: true });
  const lock = await acquireLock(`${root}.lock`, {
    timeoutMs: 30 * 60_000,
    onWait: (pid) => log(`waiting for the helm build in process ${pid} to finish (${root})`),
  });
  try {
    if (existsSync(binary)) return binary;
    const partial = `${root}.partial`;
    rmSync(partial, { recursive: true, force: true });
    mkdirSync(partial, { recursive: true });
    log(`building helm ${version} into ${root}`);
    const began = Date.now();
    // Stamped as upstream's Makefile does: `helm version` names the release, and the default
    // Kubernetes version (checked against Chart.yaml kubeVersion) follows client-go, not v1.20.
    const clientGo = moduleVersion({ ...helmModule, upstream: 'k8s.io/client-go' });
    const [, clientMajor, clientMinor] = /^v(\d+)\.(\d+)\./.exec(clientGo) ?? [];
    if (!clientMajor || !clientMinor) throw new Error(`cannot read the k8s.io/client-go version ${clientGo}`);
    const kubeMajor = Number(clientMajor) + 1;
    const ldflags = [
      '-s -w',
      `-X helm.sh/helm/v3/internal/version.version=${version}`,
      ...['pkg/lint/rules', 'pkg/chartutil'].flatMap((pkg) => [
        `-X helm.sh/helm/v3/${pkg}.k8sVersionMajor=${kubeMajor}`,
        `-X helm.sh/helm/v3/${pkg}.k8sVersionMinor=${clientMinor}`,
      ]),
    ].join(' ');
    await runGo(['build', '-trimpath', '-ldflags', ldflags, '-o', join(partial, 'helm'), helmModule.target], {
      cwd: helmModule.dir,
      logPath: join(partial, 'build.log'),
      what: `building helm (${helmModule.upstream})`,
    });
    rmSync(root, { recursive: true, force: true });
    renameSync(partial, root);
    log(`built helm in ${Math.round((Date.now() - began) / 100) / 10}s`);
    return binary;
  } finally {
    lock.release();
  }
}

/**
 * Stamps the version the way upstream's release builds do, so /version and kubectl report the
 * real release instead of v0.0.0-master; the build date is the release's module timestamp.
 */
async function kubernetesVersionLdflags(version: string): Promise<string> {
  const kubeModule = modules.find((module) => module.name === 'kube');
  if (!kubeModule) throw new Error('kube module missing from the build list');
  const info = await goListModule(kubeModule.dir, 'k8s.io/kubernetes');
  const [major, minor] = version.replace(/^v/, '').split('.');
  const buildDate = info.Time ? new Date(info.Time).toISOString().replace(/\.\d+Z$/, 'Z') : '1970-01-01T00:00:00Z';
  return ['k8s.io/component-base/version', 'k8s.io/client-go/pkg/version']
    .flatMap((pkg) => [
      `-X ${pkg}.gitVersion=${version}`,
      `-X ${pkg}.gitMajor=${major}`,
      `-X ${pkg}.gitMinor=${minor}`,
      `-X ${pkg}.gitTreeState=clean`,
      // Module zips carry no commit hash; empty beats the unexpanded "$Format:%H$" placeholder.
      `-X ${pkg}.gitCommit=`,
      `-X ${pkg}.buildDate=${buildDate}`,
    ])
    .join(' ');
}

async function goListModule(cwd: string, module: string): Promise<{ Dir: string; Time?: string }> {
  const output = await captureGo(['list', '-m', '-json', module], cwd);
  const info = JSON.parse(output) as { Dir?: string; Time?: string };
  if (!info.Dir) throw new Error(`go list -m ${module} in ${cwd} gave no module folder; run 'go mod download' there`);
  return { Dir: info.Dir, ...(info.Time ? { Time: info.Time } : {}) };
}

async function goToolVersion(): Promise<string> {
  return (await captureGo(['version'], process.cwd())).trim();
}

function goEnvironment(): NodeJS.ProcessEnv {
  // -mod=readonly: the committed go.sum is the source of truth; a drifted go.mod fails loudly.
  const goflags = [process.env.GOFLAGS, '-mod=readonly'].filter(Boolean).join(' ');
  return { ...process.env, CGO_ENABLED: '0', GOFLAGS: goflags };
}

function missingGo(): Error {
  return new Error(
    "the Go toolchain ('go') is not on PATH; testenv builds kube-apiserver, etcd and kwok from Go modules " +
      'and needs Go 1.26 or newer (see packages/testenv/README.md)',
  );
}

function captureGo(args: string[], cwd: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn('go', args, { cwd, env: goEnvironment(), stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingGo() : error));
    child.on('close', (code) => {
      if (code === 0) resolve(stdout);
      else reject(new Error(`go ${args.join(' ')} (in ${cwd}) failed with exit code ${code}:\n${stderr.trim()}`));
    });
  });
}

function runGo(args: string[], options: { cwd: string; logPath: string; what: string }): Promise<void> {
  return new Promise((resolve, reject) => {
    const fd = openSync(options.logPath, 'a');
    const child = spawn('go', args, { cwd: options.cwd, env: goEnvironment(), stdio: ['ignore', fd, fd] });
    closeSync(fd);
    child.on('error', (error: NodeJS.ErrnoException) => reject(error.code === 'ENOENT' ? missingGo() : error));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(withLogTail(`${options.what} failed with exit code ${code}`, options.logPath, 30)));
    });
  });
}
