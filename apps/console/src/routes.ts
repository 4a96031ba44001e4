import type { Me } from './api/types';
import type { MessageKey } from './i18n/i18n';
import type { Role } from './vocabulary';
import { renderDashboard } from './views/coordinator/dashboard.view';
import { renderDirectory } from './views/directory.view';
import { renderDocuments } from './views/partner/documents.view';
import { renderIdentify } from './views/partner/identify.view';
import { renderInbox } from './views/partner/inbox.view';
import { renderOrganisation } from './views/organisation.view';
import { renderPlaceRequest } from './views/partner/place-request.view';
import { renderRefer } from './views/partner/refer.view';
import { renderReferral } from './views/partner/referral.view';
import { renderWebhooks } from './views/partner/webhooks.view';
import { renderResearch } from './views/researcher/research.view';

export type ViewName =
  | 'inbox'
  | 'referral'
  | 'identify'
  | 'refer'
  | 'placeRequest'
  | 'documents'
  | 'dashboard'
  | 'research'
  | 'organisation'
  | 'directory'
  | 'webhooks';
/** View parameters live in memory only: ids never reach the URL or the browser history. */
export type Params = Record<string, unknown>;

export interface ViewContext {
  main: HTMLElement;
  me: Me;
  params: Params;
  go: (view: ViewName, params?: Params) => void;
}

interface Route {
  roles: Role[];
  title: MessageKey;
  /** Shown in the navigation bar (the others are reached from a view). */
  nav: boolean;
  render(context: ViewContext): void | Promise<void>;
}

/** Who works cases: a caseworker signed in (the console never holds a partner key, but the views would serve one). */
const CASEWORK: Role[] = ['caseworker', 'partner'];

/** Which role reaches which view. The API enforces the same with 403; this keeps the UI honest. */
export const ROUTES: Record<ViewName, Route> = {
  inbox: { roles: CASEWORK, title: 'view.inbox', nav: true, render: renderInbox },
  identify: { roles: CASEWORK, title: 'view.identify', nav: true, render: renderIdentify },
  referral: { roles: CASEWORK, title: 'view.referral', nav: false, render: renderReferral },
  refer: { roles: CASEWORK, title: 'view.refer', nav: false, render: renderRefer },
  documents: { roles: CASEWORK, title: 'view.documents', nav: true, render: renderDocuments },
  placeRequest: { roles: CASEWORK, title: 'view.placeRequest', nav: false, render: renderPlaceRequest },
  dashboard: { roles: ['coordinator'], title: 'view.dashboard', nav: true, render: renderDashboard },
  research: { roles: ['researcher'], title: 'view.research', nav: true, render: renderResearch },
  organisation: { roles: ['org_admin', 'network_admin'], title: 'view.organisation', nav: true, render: renderOrganisation },
  directory: {
    roles: ['caseworker', 'partner', 'coordinator', 'org_admin', 'network_admin'],
    title: 'view.directory',
    nav: true,
    render: renderDirectory,
  },
  webhooks: { roles: CASEWORK, title: 'view.webhooks', nav: true, render: renderWebhooks },
};

export const allowed = (view: ViewName, role: Role): boolean => ROUTES[view].roles.includes(role);

export const navigation = (role: Role): ViewName[] =>
  (Object.keys(ROUTES) as ViewName[]).filter((view) => ROUTES[view].nav && allowed(view, role));

export const home = (role: Role): ViewName => navigation(role)[0] ?? 'directory';
