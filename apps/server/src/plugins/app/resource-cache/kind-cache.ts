import type { ResourceListSort, ResourceRow } from '@bokujo/shared';

export type SortField = 'name' | 'namespace' | 'age' | 'state';

/** A change to the rows; `previous` is the row it replaced (MODIFIED, DELETED), for views that must tell it left. */
export interface RowChange {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  row: ResourceRow;
  previous?: ResourceRow;
}

export interface CacheListener {
  change(change: RowChange, resourceVersion: string): void;
  /** The rows were replaced by a new list; changes in between may be missing. */
  resync(): void;
}

type Compare = (a: ResourceRow, b: ResourceRow) => number;

function text(a: string | undefined, b: string | undefined): number {
  const left = a ?? '';
  const right = b ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

/**
 * Total orders (the uid breaks every tie), so that a row's position is found by binary search.
 * Names and namespaces are DNS labels (lower-case ASCII), so code-unit order is alphabetical and
 * far cheaper than localeCompare at 50k rows. `age` puts the youngest first, as a list sorted by
 * age ascending reads.
 */
const compares: Record<SortField, Compare> = {
  name: (a, b) => text(a.name, b.name) || text(a.namespace, b.namespace) || text(a.uid, b.uid),
  namespace: (a, b) => text(a.namespace, b.namespace) || text(a.name, b.name) || text(a.uid, b.uid),
  age: (a, b) =>
    text(b.createdAt, a.createdAt) || text(a.name, b.name) || text(a.namespace, b.namespace) || text(a.uid, b.uid),
  state: (a, b) =>
    text(a.state, b.state) || text(a.name, b.name) || text(a.namespace, b.namespace) || text(a.uid, b.uid),
};
const sortFields = Object.keys(compares) as SortField[];

export interface RowQuery {
  sort: ResourceListSort;
  offset: number;
  limit: number;
  /** Undefined: every row. */
  predicate: ((row: ResourceRow) => boolean) | undefined;
  /**
   * The namespaces the predicate keeps at most (it must test them itself too): when they hold few
   * rows, only theirs are read and sorted instead of scanning every row.
   */
  namespaces?: ReadonlySet<string> | undefined;
  /** Identifies predicate and namespaces: the matches of recent queries are reused until a row changes. */
  key?: string | undefined;
}

/** Filtered results remembered per cache, for paging through one view and for many readers of it. */
const rememberedQueries = 4;

/**
 * The rows of one kind in one cluster, kept sorted by every field a list may sort by: each
 * change is a binary search plus one splice per order, so the first page of 50k pods is a slice,
 * not a sort. Only rows are held (a pod is ~0.5 KB here against ~4 KB as an object).
 */
export class KindCache {
  readonly #rows = new Map<string, ResourceRow>();
  /** Built on first use (most lists sort by name), then kept current: a relist sorts only what is read. */
  readonly #sorted: Partial<Record<SortField, ResourceRow[]>> = {};
  readonly #listeners = new Set<CacheListener>();
  readonly #byNamespace = new Map<string, Set<ResourceRow>>();
  /** Matches of recent filtered queries, forgotten at every change of a row. */
  readonly #remembered = new Map<string, ResourceRow[]>();
  /** The version the rows reflect: of the last list, event or bookmark. */
  resourceVersion = '';

  get size() {
    return this.#rows.size;
  }

  get(uid: string) {
    return this.#rows.get(uid);
  }

  rows(): IterableIterator<ResourceRow> {
    return this.#rows.values();
  }

  listen(listener: CacheListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Takes the rows of a complete list; `resync` tells listeners that they may have missed changes. */
  replace(rows: Map<string, ResourceRow>, resourceVersion: string, resync: boolean) {
    this.#rows.clear();
    this.#byNamespace.clear();
    this.#changed();
    for (const [uid, row] of rows) {
      this.#rows.set(uid, row);
      this.#index(row);
    }
    for (const field of sortFields) {
      if (this.#sorted[field]) this.#sorted[field] = [...rows.values()].sort(compares[field]);
    }
    this.resourceVersion = resourceVersion;
    if (resync) for (const listener of [...this.#listeners]) listener.resync();
  }

  /** ADDED or MODIFIED from a watch; after a resumed watch an ADDED may repeat a known row. */
  upsert(row: ResourceRow, resourceVersion: string) {
    const previous = this.#rows.get(row.uid);
    this.#rows.set(row.uid, row);
    this.#changed();
    if (previous) this.#unindex(previous);
    this.#index(row);
    for (const field of sortFields) {
      const list = this.#sorted[field];
      if (!list) continue;
      const compare = compares[field];
      if (previous) {
        const at = findIndex(list, previous, compare);
        if (at >= 0 && compare(previous, row) === 0) {
          list[at] = row;
          continue;
        }
        if (at >= 0) list.splice(at, 1);
      }
      list.splice(insertionIndex(list, row, compare), 0, row);
    }
    this.resourceVersion = resourceVersion;
    this.#emit(previous ? { type: 'MODIFIED', row, previous } : { type: 'ADDED', row }, resourceVersion);
  }

  remove(uid: string, resourceVersion: string) {
    const previous = this.#rows.get(uid);
    this.resourceVersion = resourceVersion;
    if (!previous) return;
    this.#rows.delete(uid);
    this.#changed();
    this.#unindex(previous);
    for (const field of sortFields) {
      const list = this.#sorted[field];
      if (!list) continue;
      const at = findIndex(list, previous, compares[field]);
      if (at >= 0) list.splice(at, 1);
    }
    this.#emit({ type: 'DELETED', row: previous, previous }, resourceVersion);
  }

  /** One page of the rows the predicate keeps, in the requested order, and how many it keeps in all. */
  query({ sort, offset, limit, predicate, namespaces, key }: RowQuery): { items: ResourceRow[]; total: number } {
    const descending = sort.startsWith('-');
    const field = (descending ? sort.slice(1) : sort) as SortField;
    if (!predicate) {
      const list = this.#sortedBy(field);
      const length = list.length;
      const items: ResourceRow[] = [];
      const end = Math.min(length, offset + limit);
      for (let index = offset; index < end; index += 1) {
        items.push(list[descending ? length - 1 - index : index] as ResourceRow);
      }
      return { items, total: length };
    }
    const memo = key === undefined ? undefined : `${sort}\u0000${key}`;
    let matches = memo === undefined ? undefined : this.#remembered.get(memo);
    if (!matches) {
      matches = this.#matches(field, descending, predicate, namespaces);
      if (memo !== undefined) {
        if (this.#remembered.size >= rememberedQueries) {
          this.#remembered.delete(this.#remembered.keys().next().value as string);
        }
        this.#remembered.set(memo, matches);
      }
    }
    return { items: matches.slice(offset, offset + limit), total: matches.length };
  }

  #matches(
    field: SortField,
    descending: boolean,
    predicate: (row: ResourceRow) => boolean,
    namespaces: ReadonlySet<string> | undefined,
  ): ResourceRow[] {
    const matches: ResourceRow[] = [];
    if (namespaces) {
      let inScope = 0;
      for (const namespace of namespaces) inScope += this.#byNamespace.get(namespace)?.size ?? 0;
      // A project's few namespaces: sorting their rows beats scanning all of them.
      if (inScope * 8 < this.#rows.size) {
        for (const namespace of namespaces) {
          for (const row of this.#byNamespace.get(namespace) ?? []) if (predicate(row)) matches.push(row);
        }
        matches.sort(compares[field]);
        if (descending) matches.reverse();
        return matches;
      }
    }
    const list = this.#sortedBy(field);
    const length = list.length;
    if (descending) {
      for (let index = length - 1; index >= 0; index -= 1) {
        const row = list[index] as ResourceRow;
        if (predicate(row)) matches.push(row);
      }
    } else {
      for (let index = 0; index < length; index += 1) {
        const row = list[index] as ResourceRow;
        if (predicate(row)) matches.push(row);
      }
    }
    return matches;
  }

  #changed() {
    if (this.#remembered.size > 0) this.#remembered.clear();
  }

  #index(row: ResourceRow) {
    if (row.namespace === undefined) return;
    let rows = this.#byNamespace.get(row.namespace);
    if (!rows) {
      rows = new Set();
      this.#byNamespace.set(row.namespace, rows);
    }
    rows.add(row);
  }

  #unindex(row: ResourceRow) {
    if (row.namespace === undefined) return;
    const rows = this.#byNamespace.get(row.namespace);
    rows?.delete(row);
    if (rows?.size === 0) this.#byNamespace.delete(row.namespace);
  }

  #sortedBy(field: SortField): ResourceRow[] {
    let list = this.#sorted[field];
    if (!list) {
      list = [...this.#rows.values()].sort(compares[field]);
      this.#sorted[field] = list;
    }
    return list;
  }

  #emit(change: RowChange, resourceVersion: string) {
    for (const listener of this.#listeners) listener.change(change, resourceVersion);
  }
}

function insertionIndex(list: ResourceRow[], row: ResourceRow, compare: Compare): number {
  let low = 0;
  let high = list.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (compare(list[middle] as ResourceRow, row) < 0) low = middle + 1;
    else high = middle;
  }
  return low;
}

function findIndex(list: ResourceRow[], row: ResourceRow, compare: Compare): number {
  const at = insertionIndex(list, row, compare);
  return at < list.length && (list[at] as ResourceRow).uid === row.uid ? at : -1;
}
