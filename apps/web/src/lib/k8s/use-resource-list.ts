import type {
  CachedResource,
  ResourceChange,
  ResourceFilter,
  ResourceList,
  ResourceListSort,
  ResourceRow,
} from '@bokujo/shared';
import { type QueryClient, useQueries, useQueryClient, type UseQueryResult } from '@tanstack/react-query';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { apiFetch } from '@/lib/api-client';
import { watchSocket } from './watch-socket';

/** Rows per request: a screenful or two, so a jump anywhere in 50k rows costs one small read. */
export const resourcePageSize = 100;
/** Additions and removals come in bursts (a rollout); the visible pages are read once it settles. */
const refetchDelayMs = 300;

export interface ResourceListTarget {
  clusterId: string;
  resource: CachedResource;
  filter?: ResourceFilter;
  sort?: ResourceListSort;
}

/** Every page of one list (kind, cluster, filter, sort) sits under this key. */
export const resourceListKey = ({ clusterId, resource, filter = {}, sort }: ResourceListTarget) =>
  ['resources', clusterId, resource, { ...compact(filter), sort: sort ?? null }] as const;

export const getResourceListPage = (target: ResourceListTarget, page: number, signal?: AbortSignal) => {
  const query = new URLSearchParams({ ...compact(target.filter ?? {}) });
  if (target.sort) query.set('sort', target.sort);
  query.set('offset', String(page * resourcePageSize));
  query.set('limit', String(resourcePageSize));
  const path = `/api/v1/clusters/${encodeURIComponent(target.clusterId)}/resources/${target.resource}`;
  return apiFetch<ResourceList>(`${path}?${query}`, { signal });
};

export interface ResourceListView {
  /** Rows matching the filter; undefined until the first page arrived. */
  total: number | undefined;
  /** The row at a position of the whole list, or undefined while its page loads. */
  rowAt: (index: number) => ResourceRow | undefined;
  /** Tells which rows are on screen (first and last index), so their pages are read. */
  setVisibleRange: (start: number, end: number) => void;
  /** Nothing to show yet: neither this list nor a previous one answered. */
  isPending: boolean;
  /** The rows shown belong to the previous filter or sort while the new one loads. */
  isPlaceholder: boolean;
  error: Error | null;
  /** Reads the pages on screen again, e.g. after a failure. */
  retry: () => void;
}

interface PageRange {
  key: string;
  first: number;
  last: number;
}

interface Snapshot {
  /** Loaded pages by number. */
  pages: [number, ResourceList][];
  total: number;
}

/**
 * A cached list of the server read page by page as the visible rows need them, kept current by
 * the tab's watch socket: changed rows are patched where they are loaded (other rows keep their
 * identity, so memoised rows do not re-render), additions and removals adjust the count and
 * re-read only the pages on screen.
 */
export function useResourceList(target: ResourceListTarget): ResourceListView {
  const queryClient = useQueryClient();
  // A new filter object with the same fields is the same list: the key follows its text.
  const keyText = JSON.stringify(resourceListKey(target));
  const listKey = useMemo(() => JSON.parse(keyText) as ReturnType<typeof resourceListKey>, [keyText]);
  const [range, setRange] = useState<PageRange>({ key: keyText, first: 0, last: 0 });
  // A new filter starts at the top of its list.
  const { first, last } = range.key === keyText ? range : { first: 0, last: 0 };

  const pageNumbers = useMemo(
    () => Array.from({ length: last - first + 1 }, (_, index) => first + index),
    [first, last],
  );
  const combine = useCallback(
    (results: UseQueryResult<ResourceList>[]) => {
      const pages: [number, ResourceList][] = [];
      let total: number | undefined;
      let newest = -1;
      results.forEach((result, index) => {
        if (!result.data) return;
        pages.push([first + index, result.data]);
        // Pages read at different times may disagree; the latest read knows best.
        if (result.dataUpdatedAt > newest) {
          newest = result.dataUpdatedAt;
          total = result.data.total;
        }
      });
      const error = results.find((result) => result.error)?.error ?? null;
      return { snapshot: total === undefined ? undefined : { pages, total }, error };
    },
    [first],
  );
  const { snapshot: current, error } = useQueries({
    queries: pageNumbers.map((page) => ({
      queryKey: [...listKey, page] as const,
      queryFn: ({ signal }: { signal: AbortSignal }) => getResourceListPage(targetOf(listKey), page, signal),
    })),
    combine,
  });

  // While a new filter's first page loads, the previous list stays up instead of a blank table.
  const [previous, setPrevious] = useState<Snapshot>();
  if (current !== undefined && current !== previous) setPrevious(current);
  const shown = current ?? previous;

  const setVisibleRange = useCallback(
    (start: number, end: number) => {
      const firstPage = Math.floor(Math.max(0, start) / resourcePageSize);
      const lastPage = Math.max(firstPage, Math.floor(Math.max(0, end) / resourcePageSize));
      setRange((now) =>
        now.key === keyText && now.first === firstPage && now.last === lastPage
          ? now
          : { key: keyText, first: firstPage, last: lastPage },
      );
    },
    [keyText],
  );

  useLiveUpdates(queryClient, listKey);
  const retry = useCallback(
    () => void queryClient.refetchQueries({ queryKey: listKey, type: 'active' }),
    [queryClient, listKey],
  );

  const rowAt = useMemo(() => {
    const pages = new Map(shown?.pages);
    return (index: number) => pages.get(Math.floor(index / resourcePageSize))?.items[index % resourcePageSize];
  }, [shown]);

  return {
    total: shown?.total,
    rowAt,
    setVisibleRange,
    isPending: shown === undefined && error === null,
    isPlaceholder: current === undefined && shown !== undefined,
    error,
    retry,
  };
}

function useLiveUpdates(queryClient: QueryClient, listKey: ReturnType<typeof resourceListKey>) {
  useEffect(() => {
    const target = targetOf(listKey);
    let timer: ReturnType<typeof setTimeout> | undefined;
    // Only pages with an observer (on screen) are read again; the others are marked stale and
    // read when scrolled back to.
    const refetch = () => void queryClient.invalidateQueries({ queryKey: listKey, refetchType: 'active' });
    const refetchSoon = () => {
      clearTimeout(timer);
      timer = setTimeout(refetch, refetchDelayMs);
    };
    const stop = watchSocket.subscribe(
      { clusterId: target.clusterId, resource: target.resource, ...target.filter },
      {
        onChanges: (changes) => {
          const { moved } = applyChanges(queryClient, listKey, changes);
          if (moved) refetchSoon();
        },
        onResync: () => {
          clearTimeout(timer);
          refetch();
        },
      },
    );
    return () => {
      clearTimeout(timer);
      stop();
    };
  }, [queryClient, listKey]);
}

/**
 * Patches the loaded pages: a modified row is replaced where it is, a deleted one leaves its page
 * and the count, an added one raises the count (where it lands in the sort is for the server to
 * say). `moved` tells whether rows shifted, so the visible pages must be read again.
 */
export function applyChanges(
  queryClient: QueryClient,
  listKey: ReturnType<typeof resourceListKey>,
  changes: ResourceChange[],
) {
  const modified = new Map<string, ResourceRow>();
  const deleted = new Set<string>();
  let added = 0;
  for (const change of changes) {
    if (change.type === 'MODIFIED') modified.set(change.row.uid, change.row);
    else if (change.type === 'DELETED') {
      deleted.add(change.row.uid);
      modified.delete(change.row.uid);
    } else added += 1;
  }
  const countChange = added - deleted.size;
  queryClient.setQueriesData<ResourceList>({ queryKey: listKey }, (page) => {
    if (!page) return page;
    let touched = countChange !== 0;
    const items: ResourceRow[] = [];
    for (const row of page.items) {
      if (deleted.has(row.uid)) {
        touched = true;
        continue;
      }
      const replacement = modified.get(row.uid);
      if (replacement) touched = true;
      items.push(replacement ?? row);
    }
    return touched ? { ...page, items, total: Math.max(0, page.total + countChange) } : page;
  });
  return { moved: added > 0 || deleted.size > 0 };
}

function targetOf([, clusterId, resource, { sort, ...filter }]: ReturnType<
  typeof resourceListKey
>): ResourceListTarget {
  return { clusterId, resource, filter, sort: sort ?? undefined };
}

/** Empty filter fields mean "any": they are neither sent nor part of the key. */
function compact(filter: ResourceFilter): ResourceFilter {
  return Object.fromEntries(
    Object.entries(filter).filter(([, value]) => typeof value === 'string' && value.trim() !== ''),
  );
}
