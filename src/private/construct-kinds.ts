/**
 * The public class a refusal names. A hardened task (ContainerBuild, GitClone, ...) is built
 * on SecureTask; what SecureTask refuses of it is said of the class the user wrote, which
 * registers its name here. A subclass of it (a platform team's own) is named as the nearest
 * registered class it extends.
 */
const KINDS = new WeakMap<object, string>();

/** Registers `cls` as the class refusals name `kind`. */
export function registerConstructKind(cls: object, kind: string): void {
  KINDS.set(cls, kind);
}

/** The kind of the nearest registered class on the prototype chain of `cls`, else `fallback`. */
export function constructKindOf(cls: object | undefined, fallback: string): string {
  for (let c: any = cls; c !== null && c !== undefined && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const kind = KINDS.get(c);
    if (kind !== undefined) return kind;
  }
  return fallback;
}
