import { ApiError, download, getJson } from '../lib/api';
import { accessEvent, signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { HubClient } from '../lib/hub';
import { applyStatic, formatDay, hasChosenLanguage, initLanguage, num, onLanguageChange, t } from '../lib/i18n';
import { dropSession, rememberWorkshop, type Session } from '../lib/session';
import { WorkshopSync } from '../lib/sync';
import type { EventSummary, WorkshopSummary } from '../lib/types';
import { connectionBadge, countdown, errorText, fullMessage, languageSwitch, toast } from '../lib/ui';
import { outputVoteText, phaseBadge } from '../views/common';
import { joinUrl, qrCode } from '../views/qr';

// /m/{eventId}: every workshop of the event on one screen, live.

initLanguage(null);
applyStatic();
const main = byId('main');
const topbar = byId('topbar');
const brand = h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name')));
topbar.append(brand, h('div', { class: 'topbar-tools' }, languageSwitch()));

async function start(): Promise<void> {
  const eventId = pathSegment(1);
  const key = takeKeyFromUrl();
  if (key) {
    try {
      await signInWithKey(key);
    } catch (error) {
      fullMessage(main, t('join.badKey'), errorText((error as { code?: string }).code ?? 'unknown'), { href: '/', text: t('access.home') });
      return;
    }
  }
  let access;
  try {
    access = await accessEvent(eventId);
  } catch (error) {
    fullMessage(main, t('access.errorTitle'), errorText((error as { code?: string }).code ?? 'unknown'), { href: location.pathname, text: t('access.retry') });
    return;
  }
  if (!access) {
    fullMessage(main, t('access.moderatorTitle'), t('access.moderatorText'), { href: '/', text: t('access.home') });
    return;
  }
  if (!hasChosenLanguage()) {
    initLanguage(access.summary.language);
    applyStatic();
  }
  new ModeratorPage(access.session, access.summary).start();
}

class ModeratorPage {
  private readonly hub: HubClient;
  private readonly syncs = new Map<string, WorkshopSync>();
  private readonly cards = new Map<string, HTMLElement>();
  private readonly totals = h('div', { class: 'totals', 'data-testid': 'totals' });
  private readonly header = h('section', { class: 'mod-header' });
  private ended = false;
  private reloadTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly session: Session,
    private readonly summary: EventSummary,
  ) {
    this.hub = new HubClient(() => session.token);
    const conn = connectionBadge(this.hub, () => 0);
    topbar.replaceChildren(brand, h('div', { class: 'topbar-tools' }, conn.element, languageSwitch()));
    this.hub.onUnauthorized = () => {
      dropSession(session.token);
      fullMessage(main, t('access.lostTitle'), t('access.expired'), { href: '/', text: t('access.home') });
    };
    this.hub.onEvent((name, payload) => {
      if (payload.eventId && payload.eventId !== summary.eventId) {
        return;
      }
      if (name === 'eventDeleted') {
        this.gone();
      } else {
        // Every workshop of the event announces an edit: one reload for all of them.
        clearTimeout(this.reloadTimer);
        this.reloadTimer = setTimeout(() => void this.reload(), 300);
      }
    });
  }

  start(): void {
    document.body.classList.add('view-moderator');
    const grid = h('div', { class: 'mod-grid', 'data-testid': 'workshops' });
    for (const workshop of this.summary.workshops) {
      rememberWorkshop(workshop.workshopId, this.summary.eventId);
      const card = h('article', { class: 'card mod-card', 'data-testid': 'workshop-card', 'data-workshop-id': workshop.workshopId });
      this.cards.set(workshop.workshopId, card);
      grid.append(card);
      const sync = new WorkshopSync(this.hub, workshop.workshopId, this.session.role);
      this.syncs.set(workshop.workshopId, sync);
      sync.onChange((change) => {
        if (change.kind === 'fatal' && change.code === 'not_found') {
          this.gone();
          return;
        }
        if (change.kind === 'error') {
          toast(errorText(change.code), 'error');
        }
        this.renderCard(workshop);
        this.renderTotals();
      });
      this.renderCard(workshop);
      sync.attach();
    }
    this.renderHeader();
    this.renderTotals();
    replace(main, this.header, this.totals, h('h2', { class: 'section-title', 'data-i18n': 'mod.workshops' }, t('mod.workshops')), grid);
    onLanguageChange(() => {
      this.renderHeader();
      this.renderTotals();
      main.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n as never); });
      for (const w of this.summary.workshops) {
        this.renderCard(w);
      }
    });
    this.hub.start();
  }

  private renderHeader(): void {
    const s = this.summary;
    document.title = `${s.title} · ${t('mod.title')}`;
    const code = s.joinCode ?? '';
    replace(this.header,
      h('div', { class: 'mod-title' },
        h('p', { class: 'eyebrow' }, t('mod.title')),
        h('h1', null, s.title),
        h('p', { class: 'mod-meta' }, [formatDay(s.date), s.venue].filter((x) => x).join(' · ')),
        h('nav', { class: 'mod-console', 'aria-label': t('mod.console'), 'data-testid': 'console-links' },
          h('a', { class: 'btn btn-small', href: `/admin/${encodeURIComponent(s.eventId)}/edit`, 'data-testid': 'console-edit' }, t('mod.edit')),
          h('a', { class: 'btn btn-small', href: `/admin/${encodeURIComponent(s.eventId)}/keys`, 'data-testid': 'console-keys' }, t('mod.keys')),
          this.session.role === 'admin' ? h('a', { class: 'btn btn-small', href: '/admin', 'data-testid': 'console-list' }, t('mod.allEvents')) : null),
        h('div', { class: 'export-group', role: 'group', 'aria-label': t('mod.exportEvent') },
          h('span', { class: 'export-label', 'aria-hidden': 'true' }, t('mod.exportEvent')),
          (['md', 'docx', 'csv', 'json'] as const).map((format) => h('button', {
            type: 'button', class: 'btn btn-small', 'data-testid': `export-${format}`,
            on: { click: () => void this.export(`/api/events/${encodeURIComponent(s.eventId)}/export?format=${format}`, `event.${format}`) },
          }, format.toUpperCase()))),
        h('div', { class: 'mod-plenary' },
          h('a', {
            class: 'btn btn-primary', href: `/plenary/${encodeURIComponent(s.eventId)}`, target: '_blank', rel: 'noopener', 'data-testid': 'open-plenary',
          }, t('mod.plenary')),
          h('button', {
            type: 'button', class: 'btn', 'data-testid': 'export-pptx',
            on: { click: () => void this.export(`/api/events/${encodeURIComponent(s.eventId)}/export?format=pptx`, 'event.pptx') },
          }, t('mod.deck')))),
      code
        ? h('div', { class: 'mod-join' },
          h('div', null,
            h('p', { class: 'label' }, t('mod.joinCode')),
            h('p', { class: 'join-code', 'data-testid': 'join-code' }, code),
            h('p', { class: 'hint' }, joinUrl(code))),
          qrCode(joinUrl(code), 132, t('wall.qrLabel', { code })))
        : null);
  }

  private renderTotals(): void {
    let people = 0;
    let ideas = 0;
    let votes = 0;
    for (const w of this.summary.workshops) {
      const state = this.syncs.get(w.workshopId)?.state;
      people += state ? state.participants : w.participants;
      ideas += state ? state.visibleIdeaCount() : w.ideas;
      votes += state ? state.totalVotes() : w.votes;
    }
    replace(this.totals,
      stat(t('mod.workshopCount'), this.summary.workshops.length),
      stat(t('mod.present'), people),
      stat(t('mod.ideas'), ideas),
      stat(t('mod.votes'), votes));
  }

  private renderCard(workshop: WorkshopSummary): void {
    const card = this.cards.get(workshop.workshopId)!;
    const state = this.syncs.get(workshop.workshopId)?.state ?? null;
    const phase = state?.phase ?? workshop.phase;
    const id = encodeURIComponent(workshop.workshopId);
    const titleId = `w-${workshop.workshopId}`;
    card.setAttribute('aria-labelledby', titleId);
    replace(card,
      h('header', { class: 'mod-card-head' },
        h('h3', { id: titleId }, state?.title ?? workshop.title),
        phaseBadge(phase)),
      state?.timerEndsAt ? countdown(() => this.syncs.get(workshop.workshopId)?.state?.timerEndsAt ?? null, 'countdown countdown-small') : null,
      h('dl', { class: 'mod-stats' },
        h('div', null, h('dt', null, t('mod.present')), h('dd', null, num(state?.participants ?? workshop.participants))),
        h('div', null, h('dt', null, t('mod.ideas')), h('dd', null, num(state ? state.visibleIdeaCount() : workshop.ideas))),
        h('div', null, h('dt', null, t('mod.votes')), h('dd', null, num(state ? state.totalVotes() : workshop.votes)))),
      state
        ? h('ul', { class: 'mod-outputs', 'aria-label': t('mod.outputsSoFar') }, state.boards.map((board) => {
          const output = state.outputs.get(board.boardId);
          const text = output?.text?.trim() ?? '';
          return h('li', null,
            h('span', { class: 'mod-area' }, board.area),
            h('span', { class: text ? 'mod-output' : 'mod-output muted' }, text || t('output.none')),
            text && output ? h('span', { class: 'muted' }, ` · ${output.source === 'facilitator' ? t('output.byFacilitator') : t('output.topVoted')}, ${outputVoteText(output)}`) : null);
        }))
        : h('p', { class: 'muted' }, t('app.connecting')),
      h('div', { class: 'mod-actions' },
        h('a', { class: 'btn btn-small btn-primary', href: `/w/${id}`, 'data-testid': 'open-workshop', 'aria-label': t('mod.openAsFacilitatorOf', { title: workshop.title }) }, t('mod.openAsFacilitator')),
        h('a', { class: 'btn btn-small', href: `/wall/${id}`, target: '_blank', rel: 'noopener', 'aria-label': t('mod.wallOf', { title: workshop.title }) }, t('mod.wall')),
        h('button', {
          type: 'button', class: 'btn btn-small', 'aria-label': t('mod.exportOf', { title: workshop.title, format: 'DOCX' }),
          on: { click: () => void this.export(`/api/workshops/${id}/export?format=docx`, 'workshop.docx') },
        }, 'DOCX'),
        h('button', {
          type: 'button', class: 'btn btn-small', 'aria-label': t('mod.exportOf', { title: workshop.title, format: 'MD' }),
          on: { click: () => void this.export(`/api/workshops/${id}/export?format=md`, 'workshop.md') },
        }, 'MD')));
  }

  private gone(): void {
    if (this.ended) {
      return;
    }
    this.ended = true;
    this.hub.stop();
    fullMessage(main, t('gone.title'), t('gone.text'), this.session.role === 'admin' ? { href: '/admin', text: t('console.backToList') } : { href: '/', text: t('access.home') });
  }

  /** The program was edited (console): titles and dates change in place; added or removed workshops need the page anew. */
  private async reload(): Promise<void> {
    let fresh: EventSummary;
    try {
      fresh = await getJson<EventSummary>(`/api/events/${encodeURIComponent(this.summary.eventId)}`, this.session.token);
    } catch (error) {
      if (error instanceof ApiError && error.code === 'not_found') {
        this.gone();
      }
      return;
    }
    const same = fresh.workshops.length === this.summary.workshops.length
      && fresh.workshops.every((w, i) => w.workshopId === this.summary.workshops[i]?.workshopId);
    if (!same) {
      location.reload();
      return;
    }
    Object.assign(this.summary, { ...fresh, workshops: this.summary.workshops });
    fresh.workshops.forEach((w, i) => { this.summary.workshops[i]!.title = w.title; });
    this.renderHeader();
    for (const w of this.summary.workshops) {
      this.renderCard(w);
      void this.syncs.get(w.workshopId)?.resync();
    }
  }

  private async export(path: string, name: string): Promise<void> {
    try {
      await download(path, this.session.token, name);
    } catch (error) {
      toast(errorText((error as { code?: string }).code ?? 'unknown'), 'error');
    }
  }
}

function stat(label: string, value: number): HTMLElement {
  return h('div', { class: 'stat' }, h('span', { class: 'stat-value' }, num(value)), h('span', { class: 'stat-label' }, label));
}

void start();
