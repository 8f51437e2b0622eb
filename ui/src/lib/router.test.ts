import { describe, expect, it } from 'vitest';
import { FRAMES_PATH, HELP_PATH, MEMO_PATH, REVIEW_TABS, applicationHref, applicationsHref, href, parseRoute, reviewRoundHref, sectionOf } from './router';

describe('parseRoute', () => {
  it('reads each page', () => {
    expect(parseRoute('')).toEqual({ page: 'overview' });
    expect(parseRoute('#/oversikt')).toEqual({ page: 'overview' });
    expect(parseRoute('#/ansokningar/ny')).toEqual({ page: 'application-new' });
    expect(parseRoute('#/ansokningar/abc-123')).toEqual({ page: 'application', id: 'abc-123' });
    expect(parseRoute('#/nyttovardering')).toEqual({ page: 'valuation' });
    expect(parseRoute('#/nyttovardering/v-1')).toEqual({ page: 'valuation-worksheet', id: 'v-1' });
    expect(sectionOf({ page: 'valuation-worksheet', id: 'v-1' })).toBe('valuation');
    expect(parseRoute('#/beredning')).toEqual({ page: 'review' });
    expect(parseRoute('#/beredning/r-1')).toEqual({ page: 'review-round', id: 'r-1', tab: 'matrix' });
    expect(parseRoute('#/beredning/r-1/spridning')).toEqual({ page: 'review-round', id: 'r-1', tab: 'spread' });
    expect(parseRoute('#/beredning/r-1/grupp')).toEqual({ page: 'review-round', id: 'r-1', tab: 'group' });
    expect(parseRoute('#/beredning/r-1/min-bedomning')).toEqual({ page: 'review-round', id: 'r-1', tab: 'mine' });
    expect(parseRoute('#/beredning/r-1/okand')).toEqual({ page: 'not-found' });
    expect(sectionOf({ page: 'review-round', id: 'r-1', tab: 'group' })).toBe('review');
    expect(parseRoute('#/prioritering')).toEqual({ page: 'prioritisation' });
    expect(parseRoute('#/prioritering/ramar')).toEqual({ page: 'frames' });
    expect(sectionOf({ page: 'frames' })).toBe('prioritisation');
    expect(parseRoute('#/prioritering/beslutsunderlag')).toEqual({ page: 'memo' });
    expect(sectionOf({ page: 'memo' })).toBe('prioritisation');
    expect(parseRoute('#/uppfoljning')).toEqual({ page: 'followup' });
    expect(parseRoute('#/installningar/')).toEqual({ page: 'settings' });
    expect(parseRoute('#/installningar/identitet')).toEqual({ page: 'identity' });
    expect(sectionOf({ page: 'identity' })).toBe('settings');
    expect(parseRoute('#/konflikter')).toEqual({ page: 'conflicts' });
    expect(sectionOf({ page: 'conflicts' })).toBe('applications');
    expect(parseRoute('#/hjalp')).toEqual({ page: 'help' });
    expect(parseRoute('#/hjalp/')).toEqual({ page: 'help' });
    expect(sectionOf({ page: 'help' })).toBeNull();
    expect(parseRoute('#/nowhere')).toEqual({ page: 'not-found' });
  });

  it('keeps the list query', () => {
    const route = parseRoute('#/ansokningar?portfolio=2&state=draft');
    expect(route.page).toBe('applications');
    if (route.page === 'applications') {
      expect(route.query.get('portfolio')).toBe('2');
      expect(route.query.get('state')).toBe('draft');
    }
  });

  it('places detail and form under Ansökningar', () => {
    expect(sectionOf({ page: 'application', id: 'x' })).toBe('applications');
    expect(sectionOf({ page: 'application-new' })).toBe('applications');
    expect(sectionOf({ page: 'not-found' })).toBeNull();
  });

  it('round-trips links', () => {
    expect(parseRoute(applicationHref('a/b'))).toEqual({ page: 'application', id: 'a/b' });
    for (const tab of REVIEW_TABS) {
      expect(parseRoute(reviewRoundHref('r/1', tab))).toEqual({ page: 'review-round', id: 'r/1', tab });
    }
    expect(reviewRoundHref('r-1')).toBe('#/beredning/r-1');
    expect(parseRoute(href(FRAMES_PATH))).toEqual({ page: 'frames' });
    expect(parseRoute(href(MEMO_PATH))).toEqual({ page: 'memo' });
    expect(href(HELP_PATH)).toBe('#/hjalp');
    expect(parseRoute(href(HELP_PATH))).toEqual({ page: 'help' });
    expect(applicationsHref({ portfolio: 1, state: 'draft', year: null })).toBe(
      '#/ansokningar?portfolio=1&state=draft',
    );
  });
});
