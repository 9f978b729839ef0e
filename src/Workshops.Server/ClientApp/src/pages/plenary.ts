import { download } from '../lib/api';
import { accessEvent, signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { HubClient } from '../lib/hub';
import { applyStatic, formatDay, hasChosenLanguage, initLanguage, onLanguageChange, t, tn, upper } from '../lib/i18n';
import { dropSession, rememberWorkshop, sessions, type Session } from '../lib/session';
import { type RankOrder, totalOf, type WorkshopState } from '../lib/state';
import { WorkshopSync } from '../lib/sync';
import type { EventSummary, Idea, WorkshopSummary } from '../lib/types';
import { connectionBadge, errorText, fullMessage, languageSwitch, toast } from '../lib/ui';
import { consensusBar, consensusText, outputVoteText, paperNote, supportChart, voteText } from '../views/common';

// /plenary/{eventId}: the closing session on the projector (1920x1080). One slide at a time:
// the event, one slide per workshop with its outputs, and a summary. A presenter's clicker
// sends arrow or page keys; the slides follow every workshop live, as the moderator sees it.
// Each workshop's outputs slide is followed by its ranking slide: every board's top ideas, by
// votes or by consensus (C, or the switch in the bar). A slide of its own rather than a list in
// the output cards: at 1920x1080 a card already holds a long output and up to seven group bars,
// and the ranking needs five ideas per board in type that reads from the back of the hall.

initLanguage(null);
applyStatic();
const main = byId('main');

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
    // Someone of the event without a moderator's seat may not open it; anyone else signs in first.
    const ofEvent = sessions().some((s) => s.eventId === eventId);
    fullMessage(main, t(ofEvent ? 'plenary.forbiddenTitle' : 'plenary.signInTitle'), t(ofEvent ? 'plenary.forbiddenText' : 'plenary.signInText'),
      { href: '/', text: t('access.home') });
    return;
  }
  if (!hasChosenLanguage()) {
    initLanguage(access.summary.language);
    applyStatic();
  }
  new Plenary(access.session, access.summary).start();
}

type Slide =
  | { kind: 'title' }
  | { kind: 'workshop'; workshop: WorkshopSummary; number: number }
  | { kind: 'ranking'; workshop: WorkshopSummary; number: number }
  | { kind: 'summary' };

const NEXT = new Set(['ArrowRight', 'ArrowDown', 'PageDown', ' ', 'Spacebar']);
const PREVIOUS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);
const TOP_IDEAS = 5;

class Plenary {
  private readonly hub: HubClient;
  private readonly syncs = new Map<string, WorkshopSync>();
  private readonly slides: Slide[];
  private index = 0;
  private readonly stage = h('section', { class: 'plenary-slide', 'data-testid': 'slide' });
  private readonly number = h('p', { class: 'plenary-number', 'data-testid': 'slide-number' });
  private readonly prev = h('button', { type: 'button', class: 'btn plenary-nav', 'data-testid': 'slide-prev', on: { click: () => this.go(this.index - 1) } });
  private readonly next = h('button', { type: 'button', class: 'btn plenary-nav', 'data-testid': 'slide-next', on: { click: () => this.go(this.index + 1) } });
  private order: RankOrder = sessionStorage.getItem('ws.plenaryOrder') === 'consensus' ? 'consensus' : 'votes';
  // One switch for the whole plenary, kept in the bar so that a live redraw never takes its focus.
  private readonly orderButtons = (['votes', 'consensus'] as const).map((order) => h('button', {
    type: 'button', class: 'btn plenary-nav', 'aria-pressed': 'false', 'data-testid': `rank-${order}`, 'aria-keyshortcuts': 'C',
    on: { click: () => this.setOrder(order) },
  }));
  private readonly orderLabel = h('span', { class: 'plenary-order-label', id: 'plenary-order-label' });
  private readonly orderSwitch = h('div', {
    class: 'plenary-order', role: 'group', 'aria-labelledby': 'plenary-order-label', 'data-testid': 'rank-toggle',
  }, this.orderLabel, this.orderButtons);
  private readonly deck = h('button', { type: 'button', class: 'btn plenary-deck', 'data-testid': 'download-deck', on: { click: () => void this.downloadDeck() } });
  private readonly conn: { element: HTMLElement; update: () => void };

  constructor(
    private readonly session: Session,
    private readonly summary: EventSummary,
  ) {
    this.hub = new HubClient(() => session.token);
    this.conn = connectionBadge(this.hub, () => 0);
    this.hub.onUnauthorized = () => {
      dropSession(session.token);
      fullMessage(main, t('access.lostTitle'), t('access.expired'), { href: '/', text: t('access.home') });
    };
    this.slides = [
      { kind: 'title' },
      ...summary.workshops.flatMap((workshop, i) => [
        { kind: 'workshop' as const, workshop, number: i + 1 },
        { kind: 'ranking' as const, workshop, number: i + 1 },
      ]),
      { kind: 'summary' },
    ];
    const fromHash = /^#(\d+)$/.exec(location.hash);
    this.index = fromHash ? this.clamp(Number(fromHash[1]) - 1) : 0;
  }

  start(): void {
    document.body.classList.add('view-plenary');
    for (const workshop of this.summary.workshops) {
      rememberWorkshop(workshop.workshopId, this.summary.eventId);
      const sync = new WorkshopSync(this.hub, workshop.workshopId, this.session.role);
      this.syncs.set(workshop.workshopId, sync);
      sync.onChange((change) => {
        if (change.kind === 'error') {
          toast(errorText(change.code), 'error');
        }
        // An output a facilitator words (or votes that move one) shows on the open slide at once.
        if (this.shows(workshop.workshopId)) {
          this.render(false);
        }
      });
      sync.attach();
    }
    const languages = languageSwitch();
    languages.classList.add('plenary-lang');
    this.conn.element.classList.add('plenary-conn');
    replace(main,
      h('div', { class: 'plenary' },
        this.stage,
        h('nav', { class: 'plenary-bar', 'aria-label': t('plenary.controls'), 'data-i18n-label': 'plenary.controls' },
          this.prev, this.number, this.next, this.orderSwitch, this.deck, languages, this.conn.element)));
    document.addEventListener('keydown', (event) => this.onKey(event));
    onLanguageChange(() => {
      main.querySelector('.plenary-bar')?.setAttribute('aria-label', t('plenary.controls'));
      this.render(false);
    });
    this.render(true);
    this.hub.start();
  }

  private onKey(event: KeyboardEvent): void {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) {
      return;
    }
    const target = event.target as HTMLElement | null;
    if (target && (target.closest('input, textarea, select, [contenteditable]') !== null)) {
      return;
    }
    // Space and Enter on a focused button press that button, not the slide.
    if ((event.key === ' ' || event.key === 'Enter') && target?.closest('button, a')) {
      return;
    }
    let to: number | null = null;
    if (NEXT.has(event.key)) {
      to = this.index + 1;
    } else if (PREVIOUS.has(event.key)) {
      to = this.index - 1;
    } else if (event.key === 'Home') {
      to = 0;
    } else if (event.key === 'End') {
      to = this.slides.length - 1;
    } else if (event.key === 'f' || event.key === 'F') {
      void this.toggleFullscreen();
      return;
    } else if (event.key === 'c' || event.key === 'C') {
      event.preventDefault();
      this.setOrder(this.order === 'votes' ? 'consensus' : 'votes');
      return;
    }
    if (to !== null) {
      event.preventDefault();
      this.go(to);
    }
  }

  private async toggleFullscreen(): Promise<void> {
    try {
      if (document.fullscreenElement) {
        await document.exitFullscreen();
      } else {
        await document.documentElement.requestFullscreen();
      }
    } catch {
      // Refused (no user gesture, or not allowed): the page still works in a window.
    }
  }

  private setOrder(order: RankOrder): void {
    if (order === this.order) {
      return;
    }
    this.order = order;
    sessionStorage.setItem('ws.plenaryOrder', order);
    this.render(false);
  }

  private clamp(index: number): number {
    return Math.max(0, Math.min(this.slides.length - 1, index));
  }

  private go(index: number): void {
    const to = this.clamp(index);
    if (to === this.index) {
      return;
    }
    this.index = to;
    history.replaceState(null, '', `${location.pathname}${location.search}#${to + 1}`);
    this.render(true);
  }

  /** Whether the open slide shows this workshop. */
  private shows(workshopId: string): boolean {
    const slide = this.slides[this.index];
    return slide?.kind === 'summary' || ((slide?.kind === 'workshop' || slide?.kind === 'ranking') && slide.workshop.workshopId === workshopId);
  }

  private render(arrived: boolean): void {
    const slide = this.slides[this.index]!;
    const count = this.slides.length;
    document.title = `${this.summary.title} · ${t('plenary.title')}`;
    this.number.textContent = t('plenary.slideOf', { n: this.index + 1, total: count });
    this.prev.textContent = t('plenary.previous');
    this.next.textContent = t('plenary.next');
    this.deck.textContent = t('plenary.deck');
    this.orderLabel.textContent = t('rank.order');
    this.orderButtons.forEach((button, i) => {
      const order = i === 0 ? 'votes' : 'consensus';
      button.textContent = t(order === 'votes' ? 'rank.byVotes' : 'rank.byConsensus');
      button.setAttribute('aria-pressed', this.order === order ? 'true' : 'false');
    });
    this.orderSwitch.hidden = slide.kind !== 'ranking';
    this.prev.disabled = this.index === 0;
    this.next.disabled = this.index === count - 1;
    this.stage.dataset.kind = slide.kind;
    this.stage.dataset.index = String(this.index + 1);
    if (arrived) {
      // Restart the entry animation on a new slide (not on a live update of the same one).
      this.stage.classList.remove('plenary-arrive');
      void this.stage.offsetWidth;
      this.stage.classList.add('plenary-arrive');
    }
    if (slide.kind === 'title') {
      this.renderTitle();
    } else if (slide.kind === 'workshop') {
      this.renderWorkshop(slide.workshop, slide.number);
    } else if (slide.kind === 'ranking') {
      this.renderRanking(slide.workshop, slide.number);
    } else {
      this.renderSummary();
    }
  }

  private heading(text: string): HTMLElement {
    return h('h1', { class: 'plenary-heading', 'data-testid': 'slide-heading' }, text);
  }

  private renderTitle(): void {
    const s = this.summary;
    replace(this.stage,
      h('div', { class: 'plenary-title' },
        h('p', { class: 'plenary-eyebrow' }, upper(t('plenary.closing'))),
        this.heading(s.title),
        h('p', { class: 'plenary-meta' }, [formatDay(s.date), s.venue].filter((x) => x).join(' · ')),
        h('p', { class: 'plenary-sub' }, tn('plenary.workshopCount', s.workshops.length))));
  }

  private renderWorkshop(workshop: WorkshopSummary, number: number): void {
    const state = this.syncs.get(workshop.workshopId)?.state ?? null;
    replace(this.stage,
      h('header', { class: 'plenary-head' },
        h('p', { class: 'plenary-eyebrow' }, upper(t('plenary.workshopOf', { n: number, total: this.summary.workshops.length }))),
        this.heading(state?.title ?? workshop.title),
        state ? h('p', { class: 'plenary-meta' }, tn('idea.count', state.visibleIdeaCount()), ' · ', tn('votes.count', state.totalVotes())) : null),
      state
        ? h('div', { class: `plenary-outputs cols-${state.boards.length}` }, state.boards.map((board) => this.outputCard(state, board.boardId)))
        : h('p', { class: 'plenary-waiting' }, t('app.connecting')));
  }

  private outputCard(state: WorkshopState, boardId: string): HTMLElement {
    const output = state.outputs.get(boardId);
    const text = output?.text?.trim() ?? '';
    return h('article', { class: 'plenary-output', 'data-testid': 'plenary-output', 'data-board-id': boardId },
      h('h2', { class: 'plenary-area' }, state.area(boardId)),
      h('p', { class: `plenary-output-text${text ? '' : ' plenary-none'}`, 'data-testid': 'output-text' }, text || t('output.none')),
      text && output
        ? [
          h('div', { class: 'plenary-figures' },
            h('p', { class: 'plenary-votes', 'data-testid': 'output-votes' }, outputVoteText(output)),
            h('div', { class: 'plenary-consensus' },
              h('span', { class: 'plenary-label' }, t('consensus.title')),
              consensusBar(output.consensus, 'pconsensus'))),
          h('div', { class: 'plenary-support' },
            h('h3', { class: 'plenary-label' }, t('consensus.byGroup')),
            supportChart(output.support, 'psupport')),
        ]
        : null);
  }

  /** Every board's top ideas by the chosen order; both figures shown, the bar for the order. */
  private renderRanking(workshop: WorkshopSummary, number: number): void {
    const sync = this.syncs.get(workshop.workshopId);
    const state = sync?.state ?? null;
    const byConsensus = this.order === 'consensus';
    if (byConsensus) {
      // Tallies may have moved without their consensus: a fresh snapshot brings it.
      sync?.refreshConsensus();
    }
    replace(this.stage,
      h('header', { class: 'plenary-head' },
        h('p', { class: 'plenary-eyebrow' }, upper(t('plenary.workshopOf', { n: number, total: this.summary.workshops.length }))),
        this.heading(state?.title ?? workshop.title),
        h('p', { class: 'plenary-meta', 'data-testid': 'ranking-order' },
          t(byConsensus ? 'plenary.rankedByConsensus' : 'plenary.rankedByVotes', { n: TOP_IDEAS }))),
      state
        ? h('div', { class: `plenary-outputs plenary-ranking cols-${state.boards.length}`, 'data-order': this.order },
          state.boards.map((board) => {
            const ranked = state.rankedBy(board.boardId, this.order).slice(0, TOP_IDEAS);
            const max = Math.max(1, ...ranked.map(totalOf));
            return h('section', { class: 'plenary-output', 'data-testid': 'plenary-ranking', 'data-board-id': board.boardId, 'aria-labelledby': `rank-${board.boardId}` },
              h('h2', { class: 'plenary-area', id: `rank-${board.boardId}` }, board.area),
              ranked.length === 0
                ? h('p', { class: 'plenary-none' }, t('wall.noIdeas'))
                : h('ol', { class: 'plenary-rank-list' }, ranked.map((idea) => {
                  const share = byConsensus ? Math.max(0, Math.min(1, idea.consensus ?? 0)) : totalOf(idea) / max;
                  return h('li', { class: 'plenary-rank-item', 'data-testid': 'plenary-rank-item', 'data-idea-id': idea.ideaId },
                    h('p', { class: 'plenary-rank-text' }, idea.text, ' ', paperNote(idea)),
                    h('div', { class: 'plenary-rank-figures' },
                      h('span', { class: 'plenary-rank-track', 'aria-hidden': 'true' },
                        h('span', { class: `plenary-rank-fill${byConsensus ? ' plenary-rank-fill-consensus' : ''}`, style: `width:${Math.round(share * 100)}%` })),
                      h('span', { class: `plenary-rank-votes${byConsensus ? '' : ' plenary-rank-lead'}`, 'data-testid': 'rank-votes-count' }, voteText(idea.votes ?? 0, idea.hallVotes)),
                      h('span', {
                        class: `plenary-rank-consensus${byConsensus ? ' plenary-rank-lead' : ''}`, 'data-testid': 'rank-consensus-value',
                        'data-consensus': typeof idea.consensus === 'number' ? String(idea.consensus) : '',
                        title: typeof idea.consensus === 'number' ? t('consensus.help') : t('consensus.none'),
                      }, t('consensus.valueOf', { value: consensusText(idea.consensus) }))));
                })));
          }))
        : h('p', { class: 'plenary-waiting' }, t('app.connecting')));
  }

  private renderSummary(): void {
    const states = this.summary.workshops.map((w) => ({ w, state: this.syncs.get(w.workshopId)?.state ?? null }));
    const areas = this.summary.outputAreas;
    const top: { idea: Idea; state: WorkshopState }[] = [];
    for (const { state } of states) {
      for (const idea of state?.ideas.values() ?? []) {
        if (idea.status === 'visible' && typeof idea.consensus === 'number') {
          top.push({ idea, state: state! });
        }
      }
    }
    top.sort((a, b) => (b.idea.consensus ?? 0) - (a.idea.consensus ?? 0) || totalOf(b.idea) - totalOf(a.idea));
    const dense = states.length > 4 ? ' plenary-dense' : '';
    replace(this.stage,
      h('header', { class: 'plenary-head' },
        h('p', { class: 'plenary-eyebrow' }, upper(this.summary.title)),
        this.heading(t('plenary.summary'))),
      h('div', { class: 'plenary-summary' },
        h('table', { class: `plenary-table${dense}`, 'data-testid': 'summary-table' },
          h('caption', { class: 'plenary-sr' }, t('plenary.allOutputs')),
          h('thead', null, h('tr', null,
            h('th', { scope: 'col' }, t('plenary.workshop')),
            areas.map((area) => h('th', { scope: 'col' }, area)))),
          h('tbody', null, states.map(({ w, state }) => h('tr', { 'data-testid': 'summary-row' },
            h('th', { scope: 'row' }, state?.title ?? w.title),
            (state?.boards ?? areas.map((area) => ({ boardId: '', area }))).map((board) => {
              const output = state && board.boardId ? state.outputs.get(board.boardId) : undefined;
              const text = output?.text?.trim() ?? '';
              return h('td', null,
                h('p', { class: `plenary-cell-text${text ? '' : ' plenary-none'}` }, text || t('output.none')),
                text && output
                  ? h('p', { class: 'plenary-cell-figures' }, outputVoteText(output), ' · ', consensusBar(output.consensus, 'pconsensus-small'))
                  : null);
            }))))),
        h('section', { class: 'plenary-top', 'aria-labelledby': 'plenary-top-title' },
          h('h2', { id: 'plenary-top-title', class: 'plenary-area' }, t('plenary.topConsensus')),
          top.length === 0
            ? h('p', { class: 'plenary-none' }, t('consensus.none'))
            : h('ol', { class: 'plenary-top-list', 'data-testid': 'top-consensus' }, top.slice(0, TOP_IDEAS).map(({ idea, state }) =>
              h('li', { class: 'plenary-top-item', 'data-testid': 'top-idea' },
                h('p', { class: 'plenary-top-text' }, idea.text, ' ', paperNote(idea)),
                h('p', { class: 'plenary-top-where' }, `${state.title} · ${state.area(idea.boardId)}`),
                h('div', { class: 'plenary-top-figures' }, consensusBar(idea.consensus, 'pconsensus'), h('span', null, voteText(idea.votes ?? 0, idea.hallVotes)))))))));
  }

  private async downloadDeck(): Promise<void> {
    try {
      await download(`/api/events/${encodeURIComponent(this.summary.eventId)}/export?format=pptx`, this.session.token, 'plenary.pptx');
    } catch (error) {
      toast(errorText((error as { code?: string }).code ?? 'unknown'), 'error');
    }
  }
}

void start();
