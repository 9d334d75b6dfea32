// The memory behind a VMO (Zircon's VmObjectPaged, spec part 2 §6.1): a size in whole pages and
// a sparse map of the pages it owns, allocated on first write. A clone links to its parent at a
// page offset and reads through it wherever it owns no page, so it is a live view, not a copy.
// A VM object outlives its VMO while clones still read through it.

export const PAGE_SIZE = 4096;
/**
 * The most pages one COMMIT may add (64 MiB). Zircon fails a commit it has no memory for with
 * NO_MEMORY; here a commit larger than this fails the same way, before taking anything, so a
 * program cannot make the host allocate a 2^64-byte VMO.
 */
export const COMMIT_MAX_PAGES = 16384;
const PAGE_SHIFT = 12n;
const ZERO_PAGE = new Uint8Array(PAGE_SIZE);

/** Told when a VM object's live-clone count changes between zero and non-zero. */
export interface ChildWatcher {
  onChildrenChanged(hasChildren: boolean): void;
}

/** One VM object: owned pages, size, an optional parent link, and its live-clone count. */
export class VmObject {
  /** Owned pages by page index (indices stay below 2^52, so numbers are exact). */
  private readonly pages = new Map<number, Uint8Array>();
  /** Size in pages; a byte size is this times 4096, exact as a double up to 2^64. */
  sizePages: number;
  /** Clones that still exist (they have a handle, or live clones of their own). */
  children = 0;
  /** The VMO to tell about ZERO_CHILDREN edges; null once that VMO is gone. */
  watcher: ChildWatcher | null = null;
  private handleGone = false;

  constructor(
    sizePages: number,
    readonly resizable: boolean,
    /** The parent VM object and where this one starts in it, in pages. */
    readonly parent: VmObject | null = null,
    readonly parentOffsetPages = 0,
  ) {
    this.sizePages = sizePages;
    if (parent !== null && parent.children++ === 0) parent.watcher?.onChildrenChanged(true);
  }

  get sizeBytes(): bigint {
    return BigInt(this.sizePages) << PAGE_SHIFT;
  }

  /** Pages this object owns (pages seen through a parent do not count). */
  get committedPages(): number {
    return this.pages.size;
  }

  /** The page as this object sees it: its own, its parent's view, or the shared zero page. Never allocates. */
  private view(index: number): Uint8Array {
    for (let v: VmObject = this, i = index; ; ) {
      const own = v.pages.get(i);
      if (own !== undefined) return own;
      const p = v.parent;
      if (p === null) return ZERO_PAGE;
      i += v.parentOffsetPages;
      if (i >= p.sizePages) return ZERO_PAGE;
      v = p;
    }
  }

  /** This object's own page, made on first use from what it saw there (copy-on-write). */
  private own(index: number): Uint8Array {
    let page = this.pages.get(index);
    if (page === undefined) {
      page = this.parent === null ? new Uint8Array(PAGE_SIZE) : this.view(index).slice();
      this.pages.set(index, page);
    }
    return page;
  }

  /** Copy `len` bytes from byte `offset` into `dst` (range already checked). */
  read(offset: bigint, dst: Uint8Array, len: number): void {
    let index = Number(offset >> PAGE_SHIFT);
    let at = Number(offset & 4095n);
    for (let done = 0; done < len; index++, at = 0) {
      const n = Math.min(PAGE_SIZE - at, len - done);
      const page = this.view(index);
      // A whole page needs no subarray view (the common case of large reads).
      dst.set(n === PAGE_SIZE ? page : page.subarray(at, at + n), done);
      done += n;
    }
  }

  /** Copy `len` bytes of `src` to byte `offset` (range already checked). */
  write(offset: bigint, src: Uint8Array, len: number): void {
    let index = Number(offset >> PAGE_SHIFT);
    let at = Number(offset & 4095n);
    for (let done = 0; done < len; index++, at = 0) {
      const n = Math.min(PAGE_SIZE - at, len - done);
      this.own(index).set(src.subarray(done, done + n), at);
      done += n;
    }
  }

  /** Own every page in [first, end) (COMMIT); false, changing nothing, if that is too many new pages. */
  commit(first: number, end: number): boolean {
    if (end - first - this.pages.size > COMMIT_MAX_PAGES) return false;
    let missing = 0;
    for (let i = first; i < end; i++) if (!this.pages.has(i)) missing++;
    if (missing > COMMIT_MAX_PAGES) return false;
    for (let i = first; i < end; i++) this.own(i);
    return true;
  }

  /** Drop the owned pages in [first, end) (DECOMMIT); a clone reads its parent there again. */
  decommit(first: number, end: number): void {
    if (end - first > this.pages.size) {
      for (const i of this.pages.keys()) if (i >= first && i < end) this.pages.delete(i);
    } else {
      for (let i = first; i < end; i++) this.pages.delete(i);
    }
  }

  /** New size in pages; pages past a shrunk end are freed. */
  resize(pages: number): void {
    if (pages < this.sizePages) this.decommit(pages, this.sizePages);
    this.sizePages = pages;
  }

  /** The VMO's last handle closed: this object goes once no clone reads through it. */
  release(): void {
    this.watcher = null;
    this.handleGone = true;
    this.dieIfUnused();
  }

  private dieIfUnused(): void {
    if (!this.handleGone || this.children > 0) return;
    this.pages.clear();
    const p = this.parent;
    if (p === null) return;
    if (--p.children === 0) {
      p.watcher?.onChildrenChanged(false);
      p.dieIfUnused();
    }
  }
}
