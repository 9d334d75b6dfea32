// kernel.snapshot(): a read-only picture of a kernel as plain data (numbers, strings, arrays),
// for inspectors such as `zxkit playground`. It is built on demand from the public state of
// processes, handles and objects, holds no reference into the kernel, and costs nothing until
// asked for. Its shape is part of zxkit's public API: fields are added, never renamed.
import { IN_TRANSIT, type Handle } from './handle.js';
import type { KernelObject } from './kernel-object.js';
import type { Process } from './process.js';

/** One handle in a process's table. */
export interface HandleView {
  /** The value the process uses (what a syscall takes). */
  readonly value: number;
  /** The object's koid. */
  readonly koid: number;
  /** The object's type, a ZX_OBJ_TYPE_* value. */
  readonly type: number;
  /** The handle's ZX_RIGHT_* bits. */
  readonly rights: number;
}

/** One process and its handle table, oldest handle slot first. */
export interface ProcessView {
  readonly koid: number;
  readonly name: string;
  readonly handles: readonly HandleView[];
}

/** What an object holds for a reader: counts of queued data, absent where the type has none. */
export interface QueuedView {
  readonly bytes?: number;
  readonly messages?: number;
  readonly packets?: number;
}

/** One object with at least one live handle (in a table or in transit). */
export interface ObjectView {
  readonly koid: number;
  /** A ZX_OBJ_TYPE_* value. */
  readonly type: number;
  /** The signal word, as ZX_INFO_HANDLE_BASIC's object would report it. */
  readonly signals: number;
  /** The peer's koid for an endpoint of a pair (kept after the peer is gone), else null. */
  readonly peer: number | null;
  /** Live handles to it, those in transit included. */
  readonly handleCount: number;
  readonly queued: QueuedView;
}

/** A handle held by the kernel inside another object, on its way to a process. */
export interface TransitView {
  /** The koid and type of the object the handle refers to, and the handle's rights. */
  readonly koid: number;
  readonly type: number;
  readonly rights: number;
  /** The koid of the object whose queue holds it: the channel endpoint or socket that will hand it out. */
  readonly holder: number;
  readonly via: 'channel message' | 'socket share queue';
  /** For a channel: the position of the message in the queue, 0 being the next read. */
  readonly message?: number;
}

/** The whole picture: every process (in creation order), every object (by koid), every handle in transit. */
export interface KernelSnapshot {
  /**
   * The processes not yet dead, in creation order. A process leaves the list when it dies
   * (process_exit, task_kill, a job kill, an unstarted one's last handle closing): its table
   * is empty by then, and the kernel keeps nothing of it for snapshots, so a kernel that
   * creates processes without end does not grow. Its process object stays in `objects`, with
   * ZX_PROCESS_TERMINATED, as long as a handle refers to it.
   */
  readonly processes: readonly ProcessView[];
  readonly objects: readonly ObjectView[];
  readonly inTransit: readonly TransitView[];
}

/** What an object type reports of its queues to {@link KernelObject.contents}. */
export interface ObjectContents {
  readonly queued: QueuedView;
  /** Handle lists parked inside the object, in queue order (one per channel message, or the share slot). */
  readonly carried: readonly (readonly Handle[])[];
  readonly via?: TransitView['via'];
}

/** Objects with nothing queued and no parked handles report this. */
export const NO_CONTENTS: ObjectContents = Object.freeze({ queued: Object.freeze({}), carried: Object.freeze([]) });

/** The snapshot of the processes `processes` and the handles in `slots` (the kernel's arena). */
export function takeSnapshot(processes: readonly Process[], slots: readonly (Handle | undefined)[]): KernelSnapshot {
  const objects = new Map<number, KernelObject>();
  const tables = new Map(processes.map((p) => [p.table as object, { p, handles: [] as HandleView[] }]));
  for (const h of slots) {
    if (h === undefined) continue;
    objects.set(h.object.koid, h.object);
    const t = h.owner === null || h.owner === IN_TRANSIT ? undefined : tables.get(h.owner);
    t?.handles.push({ value: t.p.table.valueOf(h), koid: h.object.koid, type: h.object.type, rights: h.rights });
  }
  const inTransit: TransitView[] = [];
  const views: ObjectView[] = [];
  for (const o of [...objects.values()].sort((a, b) => a.koid - b.koid)) {
    const c = o.contents();
    views.push({ koid: o.koid, type: o.type, signals: o.signals >>> 0, peer: o.relatedKoid === 0 ? null : o.relatedKoid, handleCount: o.handleCount, queued: { ...c.queued } });
    c.carried.forEach((hs, i) => {
      for (const h of hs) {
        const via = c.via ?? 'channel message';
        inTransit.push({ koid: h.object.koid, type: h.object.type, rights: h.rights, holder: o.koid, via, ...(via === 'channel message' ? { message: i } : {}) });
      }
    });
  }
  return {
    processes: processes.map((p) => ({ koid: p.koid, name: p.name, handles: tables.get(p.table)!.handles })),
    objects: views,
    inTransit,
  };
}
