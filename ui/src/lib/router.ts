/**
 * Hash routing: the page is chosen by the address fragment (`#/oversikt`,
 * `#/ansokningar/<id>`, ...). Hash routes need no server support, so the same build works
 * from Tauri's embedded assets and from the HTTP bridge. Paths are Swedish, without å ä ö.
 */

import type { MessageKey } from './i18n';

export type Section =
  | 'overview'
  | 'applications'
  | 'valuation'
  | 'review'
  | 'prioritisation'
  | 'followup'
  | 'settings';

export type Route =
  | { page: 'overview' }
  | { page: 'applications'; query: URLSearchParams }
  | { page: 'application-new' }
  | { page: 'application'; id: string }
  | { page: 'valuation' }
  | { page: 'valuation-worksheet'; id: string }
  | { page: 'review' }
  | { page: 'review-round'; id: string; tab: ReviewTab }
  | { page: 'prioritisation' }
  | { page: 'frames' }
  | { page: 'memo' }
  | { page: 'followup' }
  | { page: 'settings' }
  | { page: 'identity' }
  | { page: 'conflicts' }
  | { page: 'help' }
  | { page: 'not-found' };

/** The parts of a review round's page, each with its own address under `#/beredning/<id>`. */
export const REVIEW_TABS = ['matrix', 'spread', 'group', 'mine'] as const;
export type ReviewTab = (typeof REVIEW_TABS)[number];

/** The last part of a tab's path; the matrix is the round's own address. */
const REVIEW_TAB_PATHS: Record<ReviewTab, string> = {
  matrix: '',
  spread: 'spridning',
  group: 'grupp',
  mine: 'min-bedomning',
};

export interface NavItem {
  section: Section;
  path: string;
  label: MessageKey;
}

/** The main menu, in the order of the programme's workflow. */
export const NAV: readonly NavItem[] = [
  { section: 'overview', path: '/oversikt', label: 'nav.overview' },
  { section: 'applications', path: '/ansokningar', label: 'nav.applications' },
  { section: 'valuation', path: '/nyttovardering', label: 'nav.valuation' },
  { section: 'review', path: '/beredning', label: 'nav.review' },
  { section: 'prioritisation', path: '/prioritering', label: 'nav.prioritisation' },
  { section: 'followup', path: '/uppfoljning', label: 'nav.followup' },
  { section: 'settings', path: '/installningar', label: 'nav.settings' },
];

export const DEFAULT_PATH = '/oversikt';

/** Identitet och paket, a page under Inställningar. */
export const IDENTITY_PATH = '/installningar/identitet';

/**
 * Konflikter: fields of applications written at the same time on two laptops. Not in the
 * menu (it matters only after bundles are exchanged); linked from Identitet och paket, from an
 * import that brought conflicts and from an application that has some. Under Ansökningar.
 */
export const CONFLICTS_PATH = '/konflikter';

/** Ramar: the frames per portfolio and year, changed by the projektkontor. Under Prioritering. */
export const FRAMES_PATH = '/prioritering/ramar';

/** Beslutsunderlag: the decision memo for the utvecklingsråd, made by the projektkontor. Under Prioritering. */
export const MEMO_PATH = '/prioritering/beslutsunderlag';

/**
 * Hjälp: the user guides per role (docs/guide/). Not in the main menu, which follows the
 * programme's workflow; linked from the header on every page.
 */
export const HELP_PATH = '/hjalp';

/** Reads a route from a fragment such as `#/ansokningar?portfolio=1`. */
export function parseRoute(hash: string): Route {
  const raw = hash.replace(/^#/, '');
  const [pathPart = '', queryPart = ''] = raw.split('?', 2);
  const path = pathPart.replace(/\/+$/, '') || DEFAULT_PATH;
  const query = new URLSearchParams(queryPart);

  if (path === '/ansokningar') return { page: 'applications', query };
  if (path === '/ansokningar/ny') return { page: 'application-new' };
  const detail = /^\/ansokningar\/([^/]+)$/.exec(path);
  if (detail?.[1]) return { page: 'application', id: decodeURIComponent(detail[1]) };

  const worksheet = /^\/nyttovardering\/([^/]+)$/.exec(path);
  if (worksheet?.[1]) return { page: 'valuation-worksheet', id: decodeURIComponent(worksheet[1]) };

  const round = /^\/beredning\/([^/]+)(?:\/([^/]+))?$/.exec(path);
  if (round?.[1]) {
    const tab = REVIEW_TABS.find((t) => REVIEW_TAB_PATHS[t] === (round[2] ?? ''));
    return tab ? { page: 'review-round', id: decodeURIComponent(round[1]), tab } : { page: 'not-found' };
  }

  if (path === IDENTITY_PATH) return { page: 'identity' };
  if (path === CONFLICTS_PATH) return { page: 'conflicts' };
  if (path === FRAMES_PATH) return { page: 'frames' };
  if (path === MEMO_PATH) return { page: 'memo' };
  if (path === HELP_PATH) return { page: 'help' };

  const item = NAV.find((n) => n.path === path);
  if (item && item.section !== 'applications') return { page: item.section };
  return { page: 'not-found' };
}

/** Which menu item a route belongs to, for `aria-current`. */
export function sectionOf(route: Route): Section | null {
  switch (route.page) {
    case 'application-new':
    case 'application':
    case 'applications':
    case 'conflicts':
      return 'applications';
    case 'valuation-worksheet':
      return 'valuation';
    case 'review-round':
      return 'review';
    case 'identity':
      return 'settings';
    case 'frames':
    case 'memo':
      return 'prioritisation';
    case 'help':
    case 'not-found':
      return null;
    default:
      return route.page;
  }
}

export function href(path: string): string {
  return '#' + path;
}

export function applicationHref(id: string): string {
  return href(`/ansokningar/${encodeURIComponent(id)}`);
}

export function valuationHref(id: string): string {
  return href(`/nyttovardering/${encodeURIComponent(id)}`);
}

/** A review round's page, at one of its tabs (the matrix unless another is named). */
export function reviewRoundHref(id: string, tab: ReviewTab = 'matrix'): string {
  const rest = REVIEW_TAB_PATHS[tab];
  return href(`/beredning/${encodeURIComponent(id)}${rest ? '/' + rest : ''}`);
}

export const NEW_APPLICATION_HREF = href('/ansokningar/ny');

/** A link to the list with filters set, e.g. from a count in the overview. */
export function applicationsHref(filter: {
  portfolio?: number | null;
  year?: number | null;
  state?: string | null;
}): string {
  const query = new URLSearchParams();
  if (filter.portfolio != null) query.set('portfolio', String(filter.portfolio));
  if (filter.year != null) query.set('year', String(filter.year));
  if (filter.state != null) query.set('state', filter.state);
  const text = query.toString();
  return href('/ansokningar' + (text ? '?' + text : ''));
}

export function navigate(hrefValue: string): void {
  window.location.hash = hrefValue.replace(/^#/, '');
}
