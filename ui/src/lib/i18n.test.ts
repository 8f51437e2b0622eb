import { describe, expect, it } from 'vitest';
import { BUDGET_COLUMNS } from './applicationForm';
import { BUNDLE_KINDS, COUNT_KINDS } from './bundles';
import { APPLICATION_STATES, IT_CATEGORIES, LANGUAGES, catalogues, en, sv, t, setLanguage } from './i18n';
import { DIRECTIONS, METHODS, PERSPECTIVES, TRENDS } from './indicators';
import { OBJECTIVES } from './prioritisation';
import { JAV_KINDS, RECOMMENDATION_KINDS } from './review';
import { ASPECTS, LIGHTS, SCHEDULE_MONTHS } from './status';
import { FLAG_ORDER, RESOLUTIONS } from './valuationLabels';
import { AMOUNT_TYPES } from './worksheetForm';

describe('catalogue', () => {
  it('has the same keys in Swedish and English', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(sv).sort());
  });

  it('has no empty texts', () => {
    for (const [language, messages] of Object.entries(catalogues)) {
      for (const [key, text] of Object.entries(messages)) {
        expect(text.trim(), `${language} ${key}`).not.toBe('');
      }
    }
  });

  it('uses the same placeholders in both languages', () => {
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(sv) as (keyof typeof sv)[]) {
      expect(placeholders(en[key]), key).toEqual(placeholders(sv[key]));
    }
  });

  it('names every application state and IT category', () => {
    for (const state of APPLICATION_STATES) expect(sv).toHaveProperty(`state.${state}`);
    for (const category of IT_CATEGORIES) expect(sv).toHaveProperty(`category.${category}`);
  });
});

describe('t', () => {
  it('is Swedish by default and fills placeholders', () => {
    expect(t('nav.overview')).toBe('Översikt');
    expect(t('applications.count.other', { count: 12 })).toBe('12 ansökningar');
  });

  it('switches language', () => {
    setLanguage('en');
    expect(t('nav.overview')).toBe('Overview');
    setLanguage('sv');
    expect(t('nav.overview')).toBe('Översikt');
  });

  it('leaves unknown placeholders visible', () => {
    expect(t('persona.switched', {})).toBe('Du agerar nu som {name}.');
  });
});

// ---- Every key is used, every used key exists (issue 11) -----------------------------------

/**
 * The UI's own sources as text, keyed by their path under ui/src: every .ts and .svelte file
 * except tests. Read through Vite's `import.meta.glob` with `?raw` (as guides.ts reads the
 * guides) rather than node:fs, because the project has no Node type definitions and
 * svelte-check also checks this file.
 */
const FILES: Record<string, string> = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['../**/*.ts', '../**/*.svelte', '!../**/*.test.ts'], {
      query: '?raw',
      import: 'default',
      eager: true,
    }),
  ).map(([path, text]) => [path.replace(/^\.\.\//, '').replace(/^\.\//, 'lib/'), text]),
);

/** The files searched for keys: all but the generated types (read only for their unions). */
const SOURCES = Object.entries(FILES).filter(([path]) => !path.startsWith('generated/'));

const KEYS = Object.keys(sv);
const isKey = (text: string): boolean => Object.hasOwn(sv, text);

function source(path: string): string {
  const text = FILES[path];
  if (text === undefined) throw new Error(`no source file src/${path}`);
  return text;
}

/**
 * The quoted strings of the declaration `const NAME … = …;` or `type NAME = …;` in a source
 * file: the values of a list or a string union that only exists as a type or inside a component.
 */
function declared(path: string, name: string): string[] {
  const declaration = new RegExp(`(?:const|type)\\s+${name}\\b[^=]*=([^;]*);`).exec(source(path));
  if (!declaration?.[1]) throw new Error(`no declaration of ${name} in src/${path}`);
  return [...declaration[1].matchAll(/'([^']*)'|"([^"]*)"/g)].map((m) => m[1] ?? m[2] ?? '');
}

interface DynamicKeys {
  /** The text that builds the key in the files below, e.g. "`state.${". */
  pattern: string;
  /** Where, under ui/src, the key is built this way. */
  files: string[];
  /** Every key the code there can build: only these count as used, so no dead key hides here. */
  keys: string[];
}

/** Keys built as `prefix.${value}`, for every value the code there can put in. */
const prefixed = (prefix: string, files: string[], values: readonly (string | number)[]): DynamicKeys => ({
  pattern: `\`${prefix}\${`,
  files,
  keys: values.map((value) => `${prefix}${value}`),
});

/**
 * Every place a key is built at run time instead of written out, with the values that can be
 * put in there (the same list or type the code uses). A new dynamic key must be listed here;
 * the test below finds it and says so.
 */
const DYNAMIC_KEYS: DynamicKeys[] = [
  // i18n.ts: the label helpers (stateLabel, roleLabel, …) over the core's enums.
  prefixed('state.', ['lib/i18n.ts'], APPLICATION_STATES),
  prefixed('role.', ['lib/i18n.ts'], declared('generated/Role.ts', 'Role')),
  prefixed('category.', ['lib/i18n.ts'], IT_CATEGORIES),
  prefixed('part.', ['lib/i18n.ts'], declared('generated/PortfolioPart.ts', 'PortfolioPart')),
  prefixed('unitkind.', ['lib/i18n.ts'], declared('generated/UnitKind.ts', 'UnitKind')),
  prefixed('kind.', ['lib/i18n.ts'], declared('generated/ProjectKind.ts', 'ProjectKind')),
  prefixed('contribution.', ['lib/i18n.ts'], declared('generated/Contribution.ts', 'Contribution')),
  prefixed('level.', ['lib/i18n.ts'], declared('generated/Level.ts', 'Level')),
  prefixed('platform.', ['lib/i18n.ts'], declared('generated/Platform.ts', 'Platform')),
  prefixed('usage.', ['lib/i18n.ts'], declared('generated/PlatformUse.ts', 'PlatformUse')),
  // First run: the three ways to start, each with its hint.
  prefixed('firstrun.choice.', ['pages/FirstRun.svelte'], declared('pages/FirstRun.svelte', 'CHOICES')),
  {
    pattern: '}.hint`',
    files: ['pages/FirstRun.svelte'],
    keys: declared('pages/FirstRun.svelte', 'CHOICES').map((choice) => `firstrun.choice.${choice}.hint`),
  },
  // Settings: one radio button per language.
  prefixed('language.', ['pages/Settings.svelte'], LANGUAGES),
  // Application form and view: the budget table's column headings.
  prefixed('field.budget.', ['components/application/ApplicationView.svelte', 'components/application/ApplicationEditor.svelte'], BUDGET_COLUMNS),
  // Valuation: flags, resolutions, register targets, optimism bias and the worksheet's selects.
  prefixed('valuation.flag.code.', ['lib/valuationLabels.ts'], FLAG_ORDER),
  prefixed('valuation.resolution.', ['lib/valuationLabels.ts', 'components/valuation/FlagsPanel.svelte'], RESOLUTIONS),
  prefixed('valuation.target.kind.', ['lib/valuationLabels.ts'], declared('generated/BenefitTargetKindDto.ts', 'BenefitTargetKindDto')),
  prefixed('valuation.bias.type.', ['components/valuation/OptimismBiasFields.svelte'], declared('components/valuation/OptimismBiasFields.svelte', 'PROJECT_TYPES')),
  prefixed('valuation.kind.', ['pages/ValuationWorksheet.svelte'], declared('pages/ValuationWorksheet.svelte', 'KINDS')),
  prefixed('valuation.class.', ['pages/ValuationWorksheet.svelte'], declared('pages/ValuationWorksheet.svelte', 'CLASSES')),
  prefixed('valuation.amount.', ['pages/ValuationWorksheet.svelte'], AMOUNT_TYPES),
  prefixed('valuation.unit.', ['pages/ValuationWorksheet.svelte'], AMOUNT_TYPES),
  prefixed('valuation.range.', ['pages/ValuationWorksheet.svelte'], declared('pages/ValuationWorksheet.svelte', 'RANGE_KEYS')),
  prefixed('valuation.costkind.', ['pages/ValuationWorksheet.svelte'], declared('pages/ValuationWorksheet.svelte', 'COST_KINDS')),
  // Review: recommendations, jäv (the declared kinds and the two the core finds), the heat legend 1–5.
  prefixed('review.recommendation.', ['lib/review.ts', 'components/review/RecommendForm.svelte'], RECOMMENDATION_KINDS),
  prefixed('review.jav.kind.', ['lib/review.ts', 'components/review/JavForm.svelte'], [...declared('lib/review.ts', 'ALL_JAV_KINDS'), ...JAV_KINDS]),
  prefixed('review.heat.', ['components/review/ReviewMatrix.svelte'], [1, 2, 3, 4, 5]),
  // Prioritisation: objectives, pair rules, scenario comparison; "Tvinga in/ut" named per row.
  prefixed('prioritisation.objective.', ['pages/Prioritisation.svelte'], OBJECTIVES),
  prefixed('prioritisation.result.objective.', ['pages/Prioritisation.svelte'], OBJECTIVES),
  prefixed('scenario.objective.', ['lib/scenarios.ts'], OBJECTIVES),
  prefixed('prioritisation.rules.', ['components/prioritisation/RulesPanel.svelte'], declared('lib/prioritisation.ts', 'PairKind')),
  prefixed('prioritisation.pair.kind.', ['components/prioritisation/RulesPanel.svelte'], declared('components/prioritisation/RulesPanel.svelte', 'PAIR_KINDS')),
  prefixed('scenario.compare.', ['components/prioritisation/ScenariosPanel.svelte'], declared('lib/scenarios.ts', 'CompareProblem')),
  {
    pattern: '}_named`',
    files: ['components/prioritisation/PriorityTable.svelte'],
    keys: declared('components/prioritisation/PriorityTable.svelte', 'FORCINGS').filter(isKey).map((key) => `${key}_named`),
  },
  // Status reports, follow-up and indicators.
  prefixed('status.light.', ['lib/status.ts'], LIGHTS),
  prefixed('status.aspect.', ['lib/status.ts'], ASPECTS),
  prefixed('status.aspect_hint.', ['components/status/StatusReportForm.svelte'], ASPECTS),
  prefixed('status.form.comment_needed.', ['lib/status.ts'], declared('lib/status.ts', 'CommentReason')),
  prefixed('status.schedule.months.', ['lib/status.ts'], SCHEDULE_MONTHS),
  prefixed('followup.form.needs.', ['lib/followup.ts'], declared('lib/followup.ts', 'ExplanationReason')),
  prefixed('followup.export.what.', ['lib/export.ts'], declared('generated/ExportWhatDto.ts', 'ExportWhatDto')),
  prefixed('followup.export.format.', ['lib/export.ts'], declared('generated/ExportFormatDto.ts', 'ExportFormatDto')),
  prefixed('indicator.perspective.', ['lib/indicators.ts'], PERSPECTIVES),
  prefixed('indicator.trend.', ['lib/indicators.ts'], TRENDS),
  prefixed('indicator.method.', ['lib/indicators.ts'], METHODS),
  prefixed('indicator.direction.', ['lib/indicators.ts'], DIRECTIONS),
  prefixed('overview.indicators.col.', ['components/indicators/IndicatorSummary.svelte'], TRENDS),
  // Signed bundles: what a bundle counts and what kind it is.
  prefixed('bundle.count.', ['lib/bundles.ts'], COUNT_KINDS),
  prefixed('bundle.kind.', ['lib/bundles.ts'], BUNDLE_KINDS),
];

/** Where the sources build a key at run time: `prefix.${…}`, `${…}_suffix`, 'prefix.' + …, … + '_suffix'. */
function dynamicPatterns(text: string): { pattern: string; covers: (key: string) => boolean }[] {
  const found: { pattern: string; covers: (key: string) => boolean }[] = [];
  const prefix = (p: string, pattern: string) => found.push({ pattern, covers: (key) => key.startsWith(p) });
  const suffix = (s: string, pattern: string) => found.push({ pattern, covers: (key) => key.endsWith(s) });
  for (const m of text.matchAll(/`([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.)\$\{/g)) prefix(m[1] ?? '', m[0]);
  for (const m of text.matchAll(/\}([._][a-z0-9_.]*)`/g)) suffix(m[1] ?? '', m[0]);
  for (const m of text.matchAll(/(['"])([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)*\.)\1\s*\+/g)) prefix(m[2] ?? '', m[0]);
  for (const m of text.matchAll(/\+\s*(['"])([._][a-z0-9_.]*)\1/g)) suffix(m[2] ?? '', m[0]);
  // Only what can build a catalogue key matters (not `${id}-hint` or FIELD_LABELS[`basics.${…}`]).
  return found.filter(({ covers }) => KEYS.some(covers));
}

describe('keys in the sources', () => {
  const dynamicKeys = new Set(DYNAMIC_KEYS.flatMap((d) => d.keys));

  it('lists every key built at run time in DYNAMIC_KEYS', () => {
    const unlisted: string[] = [];
    for (const [path, text] of SOURCES) {
      for (const { pattern } of dynamicPatterns(text)) {
        if (!DYNAMIC_KEYS.some((d) => d.files.includes(path) && pattern === d.pattern)) {
          unlisted.push(`${path}: ${pattern}`);
        }
      }
    }
    expect(unlisted, 'keys built at run time that DYNAMIC_KEYS in i18n.test.ts does not list with the values they can take').toEqual([]);
  });

  it('still builds every key DYNAMIC_KEYS lists, where it says', () => {
    const stale = DYNAMIC_KEYS.flatMap((d) =>
      d.files.filter((path) => !source(path).includes(d.pattern)).map((path) => `${d.pattern} in ${path}`),
    );
    expect(stale, 'DYNAMIC_KEYS entries the sources no longer use: remove or move them').toEqual([]);
  });

  it('has every key the sources build at run time', () => {
    const missing = [...dynamicKeys].filter((key) => !isKey(key));
    expect(missing, 'keys built at run time that are missing from sv and en in i18n.ts').toEqual([]);
  });

  it('has every key the sources name literally', () => {
    const missing: string[] = [];
    for (const [path, text] of SOURCES) {
      const named = [
        ...[...text.matchAll(/\bt\(\s*'([^'\\\n]*)'/g)].map((m) => m[1] ?? ''),
        ...[...text.matchAll(/\bt\(\s*"([^"\\\n]*)"/g)].map((m) => m[1] ?? ''),
        ...[...text.matchAll(/\bt\(\s*`([^`\\]*)`/g)].map((m) => m[1] ?? ''),
        ...[...text.matchAll(/(['"`])([^'"`\s]+)\1\s+as\s+MessageKey\b/g)].map((m) => m[2] ?? ''),
      ].filter((key) => !key.includes('${')); // built at run time: checked through DYNAMIC_KEYS
      for (const key of new Set(named)) if (!isKey(key)) missing.push(`${path}: ${key}`);
    }
    expect(missing, 'keys passed to t() or cast to MessageKey that sv and en in i18n.ts lack').toEqual([]);
  });

  it('uses every key of the catalogue', () => {
    const others = SOURCES
      .filter(([path]) => path !== 'lib/i18n.ts')
      .map(([, text]) => text)
      .join('\n');
    const quoted = (key: string) => ["'", '"', '`'].some((q) => others.includes(`${q}${key}${q}`));
    const unused = KEYS.filter((key) => !quoted(key) && !dynamicKeys.has(key));
    expect(unused, 'keys no source file uses: delete them from sv and en in i18n.ts, or use them').toEqual([]);
  });
});
