import { ApiError, deleteJson, getJson } from '../lib/api';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { applyStatic, initLanguage, locale, onLanguageChange, t } from '../lib/i18n';
import { dropSession, lastWorkshop, participantSession, saveProfile, type Session } from '../lib/session';
import type { EventSummary, PersonalData, Snapshot } from '../lib/types';
import { confirmDialog, errorText, fullMessage, languageSwitch, toast } from '../lib/ui';

// /me/{eventId}: "my data" (contract section 11) — what the server stores about this
// participant (GET /api/me), and its erasure (DELETE /api/me), after which the session is gone.

initLanguage(null);
applyStatic();
const main = byId('main');
byId('topbar').append(
  h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
  h('div', { class: 'topbar-tools' }, languageSwitch()));

interface Loaded {
  data: PersonalData;
  workshops: Map<string, string>;
  ideaTexts: Map<string, string>;
}

let loaded: Loaded | null = null;
let erased = false;

async function load(session: Session, eventId: string): Promise<Loaded> {
  const data = await getJson<PersonalData>('/api/me', session.token);
  const summary = await getJson<EventSummary>(`/api/events/${encodeURIComponent(eventId)}`, session.token);
  const workshops = new Map(summary.workshops.map((w) => [w.workshopId, w.title]));

  // Votes name ideas by id: their texts come from the workshops voted in.
  const ideaTexts = new Map(data.ideas.map((i) => [`${i.workshopId}/${i.ideaId}`, i.text]));
  for (const workshopId of new Set(data.votes.map((v) => v.workshopId))) {
    const snapshot = await getJson<Snapshot>(`/api/workshops/${encodeURIComponent(workshopId)}`, session.token);
    for (const idea of snapshot.boards.flatMap((b) => b.ideas)) {
      ideaTexts.set(`${workshopId}/${idea.ideaId}`, idea.text);
    }
  }
  return { data, workshops, ideaTexts };
}

function dateTime(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : new Intl.DateTimeFormat(locale(), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

function field(label: string, value: string | null | undefined, testId: string): HTMLElement[] {
  return [
    h('dt', null, label),
    h('dd', { 'data-testid': testId }, value && value.length > 0 ? value : h('span', { class: 'muted' }, t('me.notGiven'))),
  ];
}

function render(session: Session, view: Loaded): void {
  const { data, workshops, ideaTexts } = view;
  const workshopTitle = (id: string): string => workshops.get(id) ?? id;
  const back = lastWorkshop();
  replace(main, h('section', { class: 'card me-card', 'aria-labelledby': 'me-title' },
    h('h1', { id: 'me-title' }, t('me.title')),
    h('p', null, t('me.intro')),
    h('dl', { class: 'me-fields' },
      field(t('me.participantId'), data.participantId, 'me-participant'),
      field(t('me.name'), data.displayName, 'me-name'),
      field(t('me.organization'), data.organization, 'me-organization'),
      field(t('me.group'), data.group, 'me-group'),
      field(t('me.joinedAt'), dateTime(data.joinedAt), 'me-joined')),
    h('h2', null, t('me.ideas')),
    data.ideas.length === 0
      ? h('p', { 'data-testid': 'me-no-ideas' }, t('me.noIdeas'))
      : h('ul', { class: 'me-list', 'data-testid': 'me-ideas' }, data.ideas.map((i) =>
        h('li', { 'data-idea': i.ideaId }, h('span', { class: 'me-text' }, i.text), ' — ', h('span', { class: 'muted' }, workshopTitle(i.workshopId))))),
    h('h2', null, t('me.votes')),
    data.votes.length === 0
      ? h('p', { 'data-testid': 'me-no-votes' }, t('me.noVotes'))
      : h('ul', { class: 'me-list', 'data-testid': 'me-votes' }, data.votes.map((v) =>
        h('li', { 'data-idea': v.ideaId },
          h('span', { class: 'me-text' }, ideaTexts.get(`${v.workshopId}/${v.ideaId}`) ?? v.ideaId), ': ',
          h('strong', null, String(v.votes)), ' — ', h('span', { class: 'muted' }, workshopTitle(v.workshopId))))),
    h('div', { class: 'me-actions' },
      back ? h('a', { class: 'btn', href: `/w/${encodeURIComponent(back.workshopId)}` }, t('me.back')) : null,
      h('button', {
        type: 'button', class: 'btn btn-danger', 'data-testid': 'me-erase',
        on: { click: () => void erase(session) },
      }, t('me.erase')))));
}

async function erase(session: Session): Promise<void> {
  if (!(await confirmDialog(t('me.confirmTitle'), t('me.confirmText'), t('me.confirmYes')))) {
    return;
  }
  try {
    await deleteJson('/api/me', session.token);
  } catch (error) {
    toast(t('me.failed', { reason: errorText((error as { code?: string }).code ?? 'unknown') }), 'error');
    return;
  }
  erased = true;
  // The session and the name this browser remembered for the join form go too.
  dropSession(session.token);
  saveProfile({ displayName: '', organization: '', group: '' });
  fullMessage(main, t('me.erasedTitle'), t('me.erasedText'), { href: '/', text: t('access.join') });
  byId('main').focus();
}

async function start(): Promise<void> {
  const eventId = pathSegment(1);
  const session = participantSession(eventId);
  if (!session) {
    fullMessage(main, t('access.joinFirstTitle'), t('access.joinFirstText'), { href: '/', text: t('access.join') });
    return;
  }
  try {
    loaded = await load(session, eventId);
  } catch (error) {
    if (error instanceof ApiError && error.code === 'unauthorized') {
      dropSession(session.token);
      fullMessage(main, t('access.lostTitle'), t('access.lostText'), { href: '/', text: t('access.join') });
    } else {
      fullMessage(main, t('access.errorTitle'), errorText((error as { code?: string }).code ?? 'unknown'), { href: location.pathname, text: t('access.retry') });
    }
    return;
  }
  render(session, loaded);
  onLanguageChange(() => {
    if (loaded && !erased) {
      render(session, loaded);
    }
  });
}

void start();
