/**
 * The one text catalogue of the UI. Swedish (`sv`) is the default and the source of truth;
 * English (`en`) has exactly the same keys (checked by the compiler through `Messages` and by
 * i18n.test.ts). Every text a person sees goes through `t(key)`, including the names of
 * states, roles, IT categories and portfolio parts, so nothing Swedish hides in a component.
 *
 * Placeholders are written `{name}` and filled from `t(key, { name: ... })`.
 */

import type { ApplicationState } from '../generated/ApplicationState';
import type { ItCategory } from '../generated/ItCategory';
import type { PortfolioPart } from '../generated/PortfolioPart';
import type { Role } from '../generated/Role';
import type { UnitKind } from '../generated/UnitKind';

export const sv = {
  'app.name': 'Portfölj',
  'app.skip_to_content': 'Hoppa till innehållet',
  'app.loading': 'Laddar …',
  'app.demo_badge': 'Demodatabas',
  'app.programme_fallback': 'Program för digital förnyelse',

  'header.acting_as': 'Agerar som',
  'header.roles': 'Roller',

  'nav.label': 'Huvudmeny',
  'nav.overview': 'Översikt',
  'nav.applications': 'Ansökningar',
  'nav.valuation': 'Nyttovärdering',
  'nav.review': 'Beredning',
  'nav.prioritisation': 'Prioritering',
  'nav.followup': 'Uppföljning',
  'nav.settings': 'Inställningar',

  'persona.label': 'Agera som',
  'persona.submit': 'Byt person',
  'persona.switching': 'Byter …',
  'persona.switched': 'Du agerar nu som {name}.',
  'persona.option': '{name} – {roles}, {unit}',

  'overview.title': 'Översikt',
  'overview.intro': 'Portföljernas ramar och ansökningarnas status, per budgetår.',
  'overview.frames.heading': 'Ramar',
  'overview.frames.caption': 'Ram per portfölj och budgetår, i kronor. Delramarna står på raderna under portföljens ram.',
  'overview.frames.empty': 'Inga ramar är fastställda ännu.',
  'overview.no_frame': 'Ingen ram',
  'overview.total': 'Summa',
  'overview.counts.heading': 'Ansökningar per status',
  'overview.counts.caption': 'Antal ansökningar per status och portfölj, {year}',
  'overview.counts.year_label': 'Visa budgetår',
  'overview.counts.all_years': 'alla budgetår',
  'overview.counts.all_years_option': 'Alla budgetår',
  'overview.counts.empty': 'Det finns inga ansökningar för det valda budgetåret.',
  'overview.counts.link_title': 'Visa ansökningarna',

  'applications.title': 'Ansökningar',
  'applications.intro': 'Alla ansökningar i programmet. Klicka på en kolumnrubrik för att sortera.',
  'applications.new': 'Ny ansökan',
  'applications.filters': 'Filtrera',
  'applications.filter.portfolio': 'Portfölj',
  'applications.filter.year': 'Budgetår',
  'applications.filter.state': 'Status',
  'applications.filter.text': 'Sök i titel och syfte',
  'applications.filter.all': 'Alla',
  'applications.filter.clear': 'Rensa filter',
  'applications.caption': 'Ansökningar, sorterade efter {column}, {direction}',
  'applications.sort.ascending': 'stigande',
  'applications.sort.descending': 'fallande',
  'applications.sort.button': 'Sortera efter {column}',
  'applications.count.one': '1 ansökan',
  'applications.count.other': '{count} ansökningar',
  'applications.empty': 'Inga ansökningar matchar filtret.',

  'column.title': 'Titel',
  'column.unit': 'Sökande enhet',
  'column.portfolio': 'Portfölj',
  'column.category': 'It-kategori',
  'column.year': 'Budgetår',
  'column.amount': 'Begärt belopp',
  'column.state': 'Status',
  'column.updated': 'Uppdaterad',
  'column.created': 'Skapad',
  'column.purpose': 'Syfte',

  'detail.back': 'Tillbaka till ansökningar',
  'detail.facts': 'Uppgifter',
  'detail.history': 'Händelser',
  'detail.history.caption': 'Ansökans händelser, äldst först',
  'detail.history.at': 'Tidpunkt',
  'detail.history.actor': 'Vem',
  'detail.history.from': 'Från status',
  'detail.history.to': 'Till status',
  'detail.history.reason': 'Motivering',
  'detail.history.created': 'Skapad',
  'detail.history.empty': 'Inga händelser är registrerade.',
  'detail.not_found': 'Ansökan finns inte. Den kan ha tagits bort, eller så är adressen fel.',
  'detail.created_notice': 'Ansökan är sparad.',

  'form.title': 'Ny ansökan',
  'form.intro': 'Fyll i grunduppgifterna. Resten av ansökan kompletteras tillsammans med projektcoachen.',
  'form.field.title': 'Titel',
  'form.field.unit': 'Sökande enhet',
  'form.field.portfolio': 'Portfölj',
  'form.field.category': 'It-kategori',
  'form.field.category_hint': 'Grundläggande it-stöd betalas av förvaltningens egen budget och kan inte få pengar ur portföljerna.',
  'form.field.year': 'Budgetår',
  'form.field.amount': 'Begärt belopp i kronor',
  'form.field.amount_hint': 'Till exempel 1 234 567 eller 1234567,50.',
  'form.field.purpose': 'Syfte',
  'form.field.purpose_hint': 'Vilket problem ska lösas och vilken nytta ska projektet ge?',
  'form.choose': 'Välj …',
  'form.save': 'Spara ansökan',
  'form.saving': 'Sparar …',
  'form.cancel': 'Avbryt',
  'form.errors.heading': 'Ansökan kunde inte sparas',
  'form.errors.intro': 'Rätta följande och spara igen:',
  'form.error.portfolio_required': 'Välj en portfölj.',
  'form.error.category_required': 'Välj en it-kategori.',
  'form.error.amount_format': 'Skriv beloppet i kronor, till exempel 1 234 567 eller 1234567,50.',
  'form.error.local': 'Några uppgifter behöver rättas.',

  'later.notice': 'Den här funktionen kommer i en senare version.',
  'later.valuation': 'Här ska den centrala nyttovärderaren göra nyttokalkylen för en ansökan, med nyttor, kostnader, nuvärde och återbetalningstid.',
  'later.review': 'Här ska beredningsgruppen poängsätta ansökningarna i sin portfölj och lämna en rekommendation, och den som är jävig ska inte kunna poängsätta.',
  'later.prioritisation': 'Här ska projektkontoret välja de mest angelägna projekten inom varje portföljs ram och ta fram beslutsunderlaget till utvecklingsrådet.',
  'later.followup': 'Här ska projekten lämna statusrapporter och slutrapport, och ett år efter avslut ska de utlovade nyttorna följas upp.',

  'settings.title': 'Inställningar',
  'settings.language': 'Språk',
  'settings.language_hint': 'Valet sparas på den här datorn.',
  'settings.acting.heading': 'Vem som agerar',
  'settings.acting.text': 'Du agerar som {name}, {unit}.',
  'settings.acting.roles': 'Roller: {roles}.',
  'settings.acting.demo': 'Det här är en demodatabas. Välj en annan person under ”Agera som” överst på sidan för att se programmet med den personens roller.',
  'settings.acting.not_demo': 'Vem som agerar bestäms av databasen på den här datorn. Att byta person går bara i en demodatabas.',

  'language.sv': 'Svenska',
  'language.en': 'English',

  'notfound.title': 'Sidan finns inte',
  'notfound.text': 'Adressen leder inte till någon sida i Portfölj.',
  'notfound.link': 'Gå till översikten',

  'error.heading': 'Något gick fel',
  'error.retry': 'Försök igen',
  'error.transport': 'Det gick inte att nå Portföljs tjänst. Kontrollera att programmet är igång och försök igen.',
  'error.unexpected': 'Svaret från Portföljs tjänst gick inte att läsa.',
  'error.code.validation': 'Uppgifterna behöver rättas',
  'error.code.forbidden': 'Du har inte behörighet',
  'error.code.not_found': 'Hittades inte',
  'error.code.unknown_command': 'Okänd åtgärd',
  'error.code.bad_arguments': 'Felaktig begäran',
  'error.code.storage': 'Fel i databasen',
  'error.code.transport': 'Ingen kontakt med tjänsten',
  'error.code.conflict': 'Går inte just nu',
  'error.code.no_identity': 'Ingen person agerar',
  'error.code.internal': 'Internt fel',

  'state.idea': 'Idé',
  'state.draft': 'Utkast',
  'state.submitted': 'Inlämnad',
  'state.supplement_requested': 'Komplettering begärd',
  'state.valued': 'Nyttovärderad',
  'state.in_review': 'Under beredning',
  'state.proposed': 'Föreslagen',
  'state.granted': 'Beviljad',
  'state.rejected': 'Avslagen',
  'state.referred_back': 'Återremitterad',
  'state.running': 'Pågående',
  'state.closed': 'Avslutad',
  'state.followed_up': 'Uppföljd',
  'state.withdrawn': 'Återkallad',

  'role.applicant': 'Sökande',
  'role.coach': 'Projektcoach',
  'role.valuer': 'Nyttovärderare',
  'role.reviewer': 'Ledamot i beredningsgrupp',
  'role.office': 'Projektkontoret',
  'role.council': 'Ledamot i utvecklingsrådet',
  'role.decider': 'Stadsdirektör',

  'category.innovative': 'Innovativt',
  'category.differentiating': 'Differentierande',
  'category.basic': 'Grundläggande',

  'part.innovation': 'Nyutveckling',
  'part.improvement': 'Förbättring av befintliga e-tjänster',
  'part.management': 'Förvaltning av standardfunktioner',

  'unitkind.department': 'Fackförvaltning',
  'unitkind.district': 'Stadsdelsförvaltning',
  'unitkind.company': 'Bolag',

  'portfolio.label': '{number}. {name}',
  'portfolio.fallback': 'Portfölj {number}',
} as const;

export type MessageKey = keyof typeof sv;
export type Messages = Record<MessageKey, string>;

export const en: Messages = {
  'app.name': 'Portfölj',
  'app.skip_to_content': 'Skip to content',
  'app.loading': 'Loading …',
  'app.demo_badge': 'Demo database',
  'app.programme_fallback': 'Programme for digital renewal',

  'header.acting_as': 'Acting as',
  'header.roles': 'Roles',

  'nav.label': 'Main menu',
  'nav.overview': 'Overview',
  'nav.applications': 'Applications',
  'nav.valuation': 'Benefit valuation',
  'nav.review': 'Review',
  'nav.prioritisation': 'Prioritisation',
  'nav.followup': 'Follow-up',
  'nav.settings': 'Settings',

  'persona.label': 'Act as',
  'persona.submit': 'Switch person',
  'persona.switching': 'Switching …',
  'persona.switched': 'You are now acting as {name}.',
  'persona.option': '{name} – {roles}, {unit}',

  'overview.title': 'Overview',
  'overview.intro': 'The portfolios’ budget frames and the status of applications, per fiscal year.',
  'overview.frames.heading': 'Budget frames',
  'overview.frames.caption': 'Frame per portfolio and fiscal year, in SEK. The sub-frames are on the rows below the portfolio’s frame.',
  'overview.frames.empty': 'No budget frames have been set yet.',
  'overview.no_frame': 'No frame',
  'overview.total': 'Total',
  'overview.counts.heading': 'Applications by status',
  'overview.counts.caption': 'Number of applications per status and portfolio, {year}',
  'overview.counts.year_label': 'Show fiscal year',
  'overview.counts.all_years': 'all fiscal years',
  'overview.counts.all_years_option': 'All fiscal years',
  'overview.counts.empty': 'There are no applications for the selected fiscal year.',
  'overview.counts.link_title': 'Show the applications',

  'applications.title': 'Applications',
  'applications.intro': 'All applications in the programme. Click a column heading to sort.',
  'applications.new': 'New application',
  'applications.filters': 'Filter',
  'applications.filter.portfolio': 'Portfolio',
  'applications.filter.year': 'Fiscal year',
  'applications.filter.state': 'Status',
  'applications.filter.text': 'Search title and purpose',
  'applications.filter.all': 'All',
  'applications.filter.clear': 'Clear filters',
  'applications.caption': 'Applications, sorted by {column}, {direction}',
  'applications.sort.ascending': 'ascending',
  'applications.sort.descending': 'descending',
  'applications.sort.button': 'Sort by {column}',
  'applications.count.one': '1 application',
  'applications.count.other': '{count} applications',
  'applications.empty': 'No applications match the filter.',

  'column.title': 'Title',
  'column.unit': 'Applying unit',
  'column.portfolio': 'Portfolio',
  'column.category': 'IT category',
  'column.year': 'Fiscal year',
  'column.amount': 'Requested amount',
  'column.state': 'Status',
  'column.updated': 'Updated',
  'column.created': 'Created',
  'column.purpose': 'Purpose',

  'detail.back': 'Back to applications',
  'detail.facts': 'Details',
  'detail.history': 'Events',
  'detail.history.caption': 'Events of the application, oldest first',
  'detail.history.at': 'Time',
  'detail.history.actor': 'Who',
  'detail.history.from': 'From status',
  'detail.history.to': 'To status',
  'detail.history.reason': 'Reason',
  'detail.history.created': 'Created',
  'detail.history.empty': 'No events are recorded.',
  'detail.not_found': 'The application does not exist. It may have been removed, or the address is wrong.',
  'detail.created_notice': 'The application has been saved.',

  'form.title': 'New application',
  'form.intro': 'Fill in the basic details. The rest of the application is completed together with the project coach.',
  'form.field.title': 'Title',
  'form.field.unit': 'Applying unit',
  'form.field.portfolio': 'Portfolio',
  'form.field.category': 'IT category',
  'form.field.category_hint': 'Basic IT is paid from the department’s own budget and cannot receive portfolio money.',
  'form.field.year': 'Fiscal year',
  'form.field.amount': 'Requested amount in SEK',
  'form.field.amount_hint': 'For example 1 234 567 or 1234567,50.',
  'form.field.purpose': 'Purpose',
  'form.field.purpose_hint': 'Which problem will be solved, and what benefit will the project give?',
  'form.choose': 'Choose …',
  'form.save': 'Save application',
  'form.saving': 'Saving …',
  'form.cancel': 'Cancel',
  'form.errors.heading': 'The application could not be saved',
  'form.errors.intro': 'Correct the following and save again:',
  'form.error.portfolio_required': 'Choose a portfolio.',
  'form.error.category_required': 'Choose an IT category.',
  'form.error.amount_format': 'Write the amount in SEK, for example 1 234 567 or 1234567,50.',
  'form.error.local': 'Some details need correcting.',

  'later.notice': 'This function comes in a later version.',
  'later.valuation': 'Here the central benefit valuer will build the benefit calculation for an application, with benefits, costs, net present value and payback year.',
  'later.review': 'Here the review group will score the applications of its portfolio and give a recommendation, and a member with a conflict of interest will be unable to score.',
  'later.prioritisation': 'Here the project office will select the most urgent projects within each portfolio’s frame and produce the decision memo for the development council.',
  'later.followup': 'Here projects will send status and final reports, and one year after closing the promised benefits will be followed up.',

  'settings.title': 'Settings',
  'settings.language': 'Language',
  'settings.language_hint': 'The choice is stored on this computer.',
  'settings.acting.heading': 'Who is acting',
  'settings.acting.text': 'You are acting as {name}, {unit}.',
  'settings.acting.roles': 'Roles: {roles}.',
  'settings.acting.demo': 'This is a demo database. Choose another person under “Act as” at the top of the page to see the programme with that person’s roles.',
  'settings.acting.not_demo': 'Who is acting is set by the database on this computer. Switching person is only possible in a demo database.',

  'language.sv': 'Svenska',
  'language.en': 'English',

  'notfound.title': 'Page not found',
  'notfound.text': 'The address does not lead to any page in Portfölj.',
  'notfound.link': 'Go to the overview',

  'error.heading': 'Something went wrong',
  'error.retry': 'Try again',
  'error.transport': 'Could not reach the Portfölj service. Check that the program is running and try again.',
  'error.unexpected': 'The answer from the Portfölj service could not be read.',
  'error.code.validation': 'The details need correcting',
  'error.code.forbidden': 'You are not allowed to do this',
  'error.code.not_found': 'Not found',
  'error.code.unknown_command': 'Unknown action',
  'error.code.bad_arguments': 'Malformed request',
  'error.code.storage': 'Database error',
  'error.code.transport': 'No contact with the service',
  'error.code.conflict': 'Not possible right now',
  'error.code.no_identity': 'Nobody is acting',
  'error.code.internal': 'Internal error',

  'state.idea': 'Idea',
  'state.draft': 'Draft',
  'state.submitted': 'Submitted',
  'state.supplement_requested': 'Supplement requested',
  'state.valued': 'Valued',
  'state.in_review': 'In review',
  'state.proposed': 'Proposed',
  'state.granted': 'Granted',
  'state.rejected': 'Rejected',
  'state.referred_back': 'Referred back',
  'state.running': 'Running',
  'state.closed': 'Closed',
  'state.followed_up': 'Followed up',
  'state.withdrawn': 'Withdrawn',

  'role.applicant': 'Applicant',
  'role.coach': 'Project coach',
  'role.valuer': 'Benefit valuer',
  'role.reviewer': 'Review group member',
  'role.office': 'Project office',
  'role.council': 'Development council member',
  'role.decider': 'City executive (decider)',

  'category.innovative': 'Innovative',
  'category.differentiating': 'Differentiating',
  'category.basic': 'Basic',

  'part.innovation': 'New development',
  'part.improvement': 'Improving existing e-services',
  'part.management': 'Managing standard functionality',

  'unitkind.department': 'Department',
  'unitkind.district': 'District administration',
  'unitkind.company': 'Company',

  'portfolio.label': '{number}. {name}',
  'portfolio.fallback': 'Portfolio {number}',
};

export type Language = 'sv' | 'en';
export const LANGUAGES: readonly Language[] = ['sv', 'en'];
export const catalogues: Record<Language, Messages> = { sv, en };

const STORAGE_KEY = 'portfolj.language';

function storedLanguage(): Language {
  try {
    const value = globalThis.localStorage?.getItem(STORAGE_KEY);
    return value === 'en' || value === 'sv' ? value : 'sv';
  } catch {
    return 'sv';
  }
}

let current: Language = storedLanguage();

export function getLanguage(): Language {
  return current;
}

/** Switches language, remembers it in localStorage and sets `<html lang>`. */
export function setLanguage(language: Language): void {
  current = language;
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, language);
  } catch {
    // Storage can be unavailable (private mode); the choice then lasts for this page only.
  }
  if (typeof document !== 'undefined') {
    document.documentElement.lang = language;
  }
}

export type Params = Record<string, string | number>;

/** Looks up `key` in the current language and fills `{placeholders}` from `params`. */
export function t(key: MessageKey, params?: Params): string {
  const text = catalogues[current][key] ?? sv[key];
  if (!params) return text;
  return text.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in params ? String(params[name]) : whole,
  );
}

export const stateLabel = (state: ApplicationState): string => t(`state.${state}`);
export const roleLabel = (role: Role): string => t(`role.${role}`);
export const categoryLabel = (category: ItCategory): string => t(`category.${category}`);
export const partLabel = (part: PortfolioPart): string => t(`part.${part}`);
export const unitKindLabel = (kind: UnitKind): string => t(`unitkind.${kind}`);

/** The application states in lifecycle order (DOMAIN.md §5), for selects and table columns. */
export const APPLICATION_STATES: readonly ApplicationState[] = [
  'idea',
  'draft',
  'submitted',
  'supplement_requested',
  'valued',
  'in_review',
  'proposed',
  'granted',
  'rejected',
  'referred_back',
  'running',
  'closed',
  'followed_up',
  'withdrawn',
];

export const IT_CATEGORIES: readonly ItCategory[] = ['innovative', 'differentiating', 'basic'];
