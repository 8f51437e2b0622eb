/**
 * Hjälp: the user guides in docs/guide/, one per role, written in Swedish Markdown. Vite reads
 * them into the build as text (`?raw`), so the app carries them and needs no file access.
 * Which guide a person sees first follows their roles; any of the four can be chosen.
 *
 * The guides are our own files, but they are still rendered as if they were not: raw HTML in
 * them is shown as text, and only web links (http, https) become links — a link to another
 * .md file would lead nowhere inside the app. Headings move one level down, so a guide's `#`
 * title is an h2 under the page's own h1.
 */

import { Marked, type Tokens } from 'marked';
import type { Role } from '../generated/Role';
import type { MessageKey } from './i18n';
import coachGuide from '../../../docs/guide/projektcoach.md?raw';
import valuerGuide from '../../../docs/guide/vardare.md?raw';
import reviewerGuide from '../../../docs/guide/beredningsgrupp.md?raw';
import officeGuide from '../../../docs/guide/projektkontor.md?raw';

export const GUIDE_IDS = ['coach', 'valuer', 'reviewer', 'office'] as const;
export type GuideId = (typeof GUIDE_IDS)[number];

export interface Guide {
  id: GuideId;
  /** The guide's name in the picker. */
  label: MessageKey;
  /** The file under docs/guide/, for a reader of the code. */
  file: string;
  markdown: string;
}

/** The four guides in the order of the programme's workflow. */
export const GUIDES: readonly Guide[] = [
  { id: 'coach', label: 'help.guide.coach', file: 'projektcoach.md', markdown: coachGuide },
  { id: 'valuer', label: 'help.guide.valuer', file: 'vardare.md', markdown: valuerGuide },
  { id: 'reviewer', label: 'help.guide.reviewer', file: 'beredningsgrupp.md', markdown: reviewerGuide },
  { id: 'office', label: 'help.guide.office', file: 'projektkontor.md', markdown: officeGuide },
];

/**
 * Which guide each role reads, the first matching role deciding for a person with several.
 * The office comes first since its guide covers the most; the utvecklingsråd and the
 * stadsdirektör read the office's, which describes the memo and the decision.
 */
const GUIDE_BY_ROLE: readonly (readonly [Role, GuideId])[] = [
  ['office', 'office'],
  ['valuer', 'valuer'],
  ['reviewer', 'reviewer'],
  ['coach', 'coach'],
  ['applicant', 'coach'],
  ['council', 'office'],
  ['decider', 'office'],
];

/** The guide shown first to a person with these roles (the coach's, which also covers the applicant, without any). */
export function guideForRoles(roles: readonly Role[]): GuideId {
  for (const [role, guide] of GUIDE_BY_ROLE) {
    if (roles.includes(role)) return guide;
  }
  return 'coach';
}

export function guideById(id: GuideId): Guide {
  const guide = GUIDES.find((g) => g.id === id);
  if (!guide) throw new Error(`unknown guide ${id}`);
  return guide;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

const guideMarkdown = new Marked({
  gfm: true,
  walkTokens(token) {
    if (token.type === 'heading') {
      const heading = token as Tokens.Heading;
      heading.depth = Math.min(heading.depth + 1, 6);
    }
  },
  renderer: {
    html({ text }) {
      return escapeHtml(text);
    },
    link({ href, tokens }) {
      const text = this.parser.parseInline(tokens);
      return /^https?:\/\//i.test(href) ? `<a href="${escapeHtml(href)}">${text}</a>` : text;
    },
    image({ text }) {
      return escapeHtml(text);
    },
  },
});

/** A guide's Markdown as HTML to show under the page's h1. */
export function renderGuide(markdown: string): string {
  return guideMarkdown.parse(markdown, { async: false });
}
