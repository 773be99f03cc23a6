import { ApiObject, Chart } from 'cdk8s';
import { IConstruct } from 'constructs';

/**
 * Facts about objects given as cdk8s-plus references (`IServiceAccount`,
 * `ISecret`): read structurally, so that they hold for any object that implements
 * the interface, whichever copy of cdk8s-plus built it.
 */

/** The object a reference writes, when it is defined in the app (a cdk8s-plus `Resource`); undefined for one imported by name. */
export function writtenObjectOf(resource: IConstruct): ApiObject | undefined {
  const child = resource.node.defaultChild;
  return child !== undefined && ApiObject.isApiObject(child) ? child : undefined;
}

/** The chart's namespace of a construct, or undefined when it is in no chart or the chart has none. */
export function chartNamespaceOf(c: IConstruct): string | undefined {
  try {
    return Chart.of(c).namespace;
  } catch {
    return undefined;
  }
}

/**
 * The namespace of a referenced object: the one its written object names, the
 * one an imported ServiceAccount was given (`toSubjectConfiguration()`), or its
 * chart's.
 */
export function namespaceOf(resource: IConstruct): string | undefined {
  const written = writtenObjectOf(resource);
  if (written) return written.metadata.namespace ?? chartNamespaceOf(written);
  const subject = (resource as any).toSubjectConfiguration;
  if (typeof subject === 'function') {
    const ns = subject.call(resource)?.namespace;
    if (typeof ns === 'string') return ns;
  }
  return chartNamespaceOf(resource);
}
