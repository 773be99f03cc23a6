/**
 * An app's outdir as kubectl reads it: `kubectl apply -f <outdir>/` reads every
 * .json, .yaml and .yml file in the directory itself (not below it), and
 * `kubectl create -f <outdir>/runs/` those in runs/.
 */
import * as fs from 'fs';
import * as path from 'path';
import { parseAllDocuments } from 'yaml';

/** One file kubectl reads, with its documents. */
export interface ManifestFile {
  /** Path relative to the outdir. */
  readonly file: string;
  /** Its documents (null for an empty one). */
  readonly objects: any[];
}

/** What `kubectl apply -f <outdir>/` and `kubectl create -f <outdir>/runs/` read. */
export interface OutputLayout {
  /** Every file and directory in the outdir, relative to it, sorted (directories end with `/`). */
  readonly entries: string[];
  /** The files `kubectl apply -f <outdir>/` reads. */
  readonly applied: ManifestFile[];
  /** The files `kubectl create -f <outdir>/runs/` reads. */
  readonly created: ManifestFile[];
}

const MANIFEST = /\.(json|ya?ml)$/;

function read(dir: string, prefix: string): ManifestFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).filter((e) => e.isFile() && MANIFEST.test(e.name)).map((e) => {
    const text = fs.readFileSync(path.join(dir, e.name), 'utf8');
    const objects = e.name.endsWith('.json') ? [JSON.parse(text)] : parseAllDocuments(text).map((d) => d.toJS());
    return { file: `${prefix}${e.name}`, objects };
  });
}

function entries(dir: string, prefix = ''): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    (e.isDirectory() ? [`${prefix}${e.name}/`, ...entries(path.join(dir, e.name), `${prefix}${e.name}/`)] : [`${prefix}${e.name}`]));
}

/** The outdir as kubectl reads it. */
export function outputLayout(outdir: string): OutputLayout {
  return {
    entries: entries(outdir).sort(),
    applied: read(outdir, ''),
    created: read(path.join(outdir, 'runs'), 'runs/'),
  };
}

/** Whether `kubectl apply` takes the object: a Kubernetes object with a kind and a name. */
export function isApplicable(o: any): boolean {
  return typeof o?.apiVersion === 'string' && typeof o?.kind === 'string' && typeof o?.metadata?.name === 'string' && o.metadata.name !== '';
}

/** Whether `kubectl create` takes the object and names it itself: a kind and a generateName, no name. */
export function isCreatedWithGeneratedName(o: any): boolean {
  return typeof o?.apiVersion === 'string' && typeof o?.kind === 'string' && typeof o?.metadata?.generateName === 'string'
    && o.metadata.generateName !== '' && o.metadata.name === undefined;
}

/** Every object the outdir holds, applied and created. */
export function allObjects(layout: OutputLayout): any[] {
  return [...layout.applied, ...layout.created].flatMap((f) => f.objects);
}
