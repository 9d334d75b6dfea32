// Which class each syscall belongs to, and under what name. A syscall whose first handle
// parameter has one known object type (its rights clause) is a method of that type's class;
// one whose handle may be of any type is a method of Handle; `<type>_create` is a static
// creator (the type named by its object-type key or its class name: debuglog_create makes a
// DebugLog); one that takes no handle at all (the clocks, the CPRNG) is a function of the
// module; anything else (handle arrays, wait items) is a static method of Handle.
import type { ConstantDef, Model, ParamDef, SyscallDef } from '../model.js';
import { objTypeKey } from '../names.js';
import { isHandleType, knownType, linked, objectTypes, publicSyscalls, rightsClauses } from '../query.js';
import { camel, className, methodName } from './names.js';

export interface ClassPlan {
  readonly name: string;
  /** ZX_OBJ_TYPE_SOCKET */
  readonly objType: string;
  /** socket */
  readonly key: string;
  /** ZX_DEFAULT_SOCKET_RIGHTS, when types.yaml has it. */
  readonly defaultRights?: ConstantDef;
  /** Default rights include ZX_RIGHT_WAIT (unknown defaults count as waitable). */
  readonly waitable: boolean;
}

/** The owner of the syscalls that become functions of the module rather than methods. */
export const MODULE = '';

export interface MethodPlan {
  readonly sc: SyscallDef;
  /** Class name, 'Handle', or MODULE for a function. */
  readonly owner: string;
  readonly name: string;
  readonly isStatic: boolean;
  /** For creators: the class created. */
  readonly creates?: ClassPlan;
  /** The handle parameter that is `this` (instance methods). */
  readonly self?: ParamDef;
}

export interface Plan {
  readonly classes: readonly ClassPlan[];
  readonly methods: readonly MethodPlan[];
  /** Public syscalls by name. */
  readonly syscall: (name: string) => SyscallDef | undefined;
  readonly method: (syscall: string) => MethodPlan | undefined;
  readonly constant: (name: string) => ConstantDef | undefined;
}

/** Members every Handle has besides the generated methods; a syscall never takes these names. */
export const HANDLE_MEMBERS = ['raw', 'isValid', 'intoRaw', 'syscalls', 'constructor', 'fromRaw', 'objectType', 'toString'];

export function isHandleParam(model: Model, p: ParamDef): boolean {
  return isHandleType(model, p.type);
}

/** Whether any parameter is or carries a handle (wait_many's items do, in a field its rights name). */
export function takesHandles(model: Model, sc: SyscallDef): boolean {
  return rightsClauses(sc).length > 0 || sc.params.some((p) => isHandleParam(model, p) || p.handle !== undefined);
}

/** The first single handle passed in: what an instance method is called on. */
export function selfParam(model: Model, sc: SyscallDef): ParamDef | undefined {
  const p = sc.params.find((x) => isHandleParam(model, x) && x.count === undefined && x.dir === 'in');
  return p && p === sc.params.find((x) => isHandleParam(model, x)) ? p : undefined;
}

/** The syscalls the layer covers: public ones the kernel core implements. */
export function layerSyscalls(model: Model): SyscallDef[] {
  return publicSyscalls(model).filter((sc) => sc.implemented !== false);
}

/** The method name an idiom gives its syscall, when it is not the derived one. */
export type NameOverrides = Readonly<Record<string, string>>;

export function planLayer(model: Model, overrides: NameOverrides): Plan {
  const constants = linked(model).constants;
  const wait = constants.get('ZX_RIGHT_WAIT');
  const objTypes = objectTypes(model);
  const byKey = new Map(objTypes.map((c) => [objTypeKey(c.name), c]));
  for (const c of objTypes) if (!byKey.has(className(c.name).toLowerCase())) byKey.set(className(c.name).toLowerCase(), c);
  const syscalls = layerSyscalls(model);
  const layer = new Map(syscalls.map((s) => [s.name, s]));

  const wanted = new Set<string>();
  const creatorOf = (sc: SyscallDef) => (sc.name.endsWith('_create') ? byKey.get(sc.name.slice(0, -'_create'.length)) : undefined);
  for (const sc of syscalls) {
    const made = creatorOf(sc);
    if (made) wanted.add(made.name);
    for (const p of sc.params) {
      const t = isHandleParam(model, p) ? knownType(sc, p) : undefined;
      if (t) wanted.add(t);
    }
  }
  const classes: ClassPlan[] = objTypes.filter((c) => wanted.has(c.name)).map((c) => {
    const key = objTypeKey(c.name);
    const defaultRights = constants.get(`ZX_DEFAULT_${key.toUpperCase()}_RIGHTS`);
    const waitable = !defaultRights || wait === undefined || (Number(defaultRights.value) & Number(wait.value)) !== 0;
    return { name: className(c.name), objType: c.name, key, defaultRights, waitable };
  });
  const classByType = new Map(classes.map((c) => [c.objType, c]));

  const methods: MethodPlan[] = [];
  // Names already used per class. `wait` is the signal wait of waitable classes (and so never a
  // Handle method); a class method never shadows a Handle method.
  const taken = new Map<string, Set<string>>();
  const handleMethods = new Set<string>();
  const claim = (owner: string, sc: SyscallDef, derived: string): string => {
    const cls = classes.find((c) => c.name === owner);
    let used = taken.get(owner);
    if (!used) taken.set(owner, (used = new Set([...HANDLE_MEMBERS, ...(cls === undefined || cls.waitable ? ['wait'] : [])])));
    const name = used.has(derived) || (cls !== undefined && handleMethods.has(derived)) ? camel(sc.name) : derived;
    used.add(name);
    if (owner === 'Handle') handleMethods.add(name);
    return name;
  };
  // Handle's own methods first, so class methods never shadow them.
  const ordered = [...syscalls].sort((a, b) => Number(ownerOf(a) !== 'Handle') - Number(ownerOf(b) !== 'Handle'));
  function ownerOf(sc: SyscallDef): string {
    const made = creatorOf(sc);
    if (made) return classByType.get(made.name)!.name;
    if (!takesHandles(model, sc)) return MODULE;
    const self = selfParam(model, sc);
    const t = self ? knownType(sc, self) : undefined;
    return t ? classByType.get(t)!.name : 'Handle';
  }
  for (const sc of ordered) {
    const made = creatorOf(sc);
    const self = made ? undefined : selfParam(model, sc);
    const owner = ownerOf(sc);
    const cls = classes.find((c) => c.name === owner);
    const derived = overrides[sc.name] ?? (owner === MODULE ? camel(sc.name) : methodName(sc, cls?.key ?? ''));
    methods.push({
      sc,
      owner,
      name: claim(owner, sc, derived),
      isStatic: self === undefined,
      creates: made ? classByType.get(made.name) : undefined,
      self,
    });
  }
  methods.sort((a, b) => syscalls.indexOf(a.sc) - syscalls.indexOf(b.sc));
  return {
    classes,
    methods,
    syscall: (name) => layer.get(name),
    method: (name) => methods.find((m) => m.sc.name === name),
    constant: (name) => constants.get(name),
  };
}
