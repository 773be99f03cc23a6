/**
 * The public class a refusal names. A hardened task (ContainerBuild, GitClone, ...) is built
 * on SecureTask; what SecureTask refuses of it is said of the class the user wrote, which
 * registers its name here. A subclass of it (a platform team's own) is named as the nearest
 * registered class it extends.
 */
const KINDS = new WeakMap<object, { readonly kind: string; readonly takesRelaxations: boolean }>();

/**
 * Registers `cls` as the class refusals name `kind`; `takesRelaxations` says whether its
 * props have `relaxations` (a refusal's fix then points there, else to `Relaxations.of`).
 */
export function registerConstructKind(cls: object, kind: string, takesRelaxations = false): void {
  KINDS.set(cls, { kind, takesRelaxations });
}

/**
 * The nearest registered class on the prototype chain of `cls`: whether the class a construct
 * was made with writes what its base class takes as props (a hardened task writes its
 * SecureTask's steps), and whether it takes relaxations; undefined for a class no library
 * class registered (the base class's props are the user's).
 */
export function writtenByLibraryClass(cls: object | undefined): { readonly kind: string; readonly takesRelaxations: boolean } | undefined {
  for (let c: any = cls; c !== null && c !== undefined && c !== Function.prototype; c = Object.getPrototypeOf(c)) {
    const found = KINDS.get(c);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** The kind of the nearest registered class on the prototype chain of `cls`, else `fallback`. */
export function constructKindOf(cls: object | undefined, fallback: string): string {
  return writtenByLibraryClass(cls)?.kind ?? fallback;
}
