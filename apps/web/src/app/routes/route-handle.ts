import type { ReactNode } from 'react';
import type { Params } from 'react-router';

export interface Crumb {
  label: ReactNode;
  /** Absent for the page the person is on. */
  to?: string;
}

/** What a route tells the shell about itself; the deepest route with breadcrumbs names the trail. */
export interface RouteHandle {
  breadcrumbs?: (params: Params) => Crumb[];
}
