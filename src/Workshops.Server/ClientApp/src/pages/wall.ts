import { getJson } from '../lib/api';
import { accessWorkshop, signInWithKey, takeKeyFromUrl } from '../lib/auth';
import { byId, h, pathSegment, replace } from '../lib/dom';
import { HubClient } from '../lib/hub';
import { applyStatic, hasChosenLanguage, initLanguage, num, onLanguageChange, t, tn, upper } from '../lib/i18n';
import type { Session } from '../lib/session';
import { type RankOrder, totalOf, type WorkshopState } from '../lib/state';
import { WorkshopSync } from '../lib/sync';
import type { EventSummary, Idea } from '../lib/types';
import { connectionBadge, countdown, errorText, fullMessage, phaseName } from '../lib/ui';
import { consensusText, outputVoteText, paperNote, rankToggle, voteText } from '../views/common';
import { joinUrl, qrCode } from '../views/qr';

// /wall/{workshopId}: the projector. Huge type, read from the back of the hall; nothing to click.

initLanguage(null);
applyStatic();
const main = byId('main');

async function start(): Promise<void> {
  const workshopId = pathSegment(1);
  const key = takeKeyFromUrl();
  if (key) {
    try {
      await signInWithKey(key);
    } catch (error) {
      fullMessage(main, t('join.badKey'), errorText((error as { code?: string }).code ?? 'unknown'));
      return;
    }
  }
  let access;
  try {
    access = await accessWorkshop(workshopId);
  } catch (error) {
    fullMessage(main, t('access.errorTitle'), errorText((error as { code?: string }).code ?? 'unknown'), { href: location.pathname, text: t('access.retry') });
    return;
  }
  if (!access) {
    fullMessage(main, t('access.wallTitle'), t('access.wallText'), { href: '/', text: t('access.home') });
    return;
  }
  if (!hasChosenLanguage()) {
    initLanguage(access.snapshot.language);
    applyStatic();
  }
  new Wall(access.session, workshopId).start();
}

class Wall {
  private readonly hub: HubClient;
  private readonly sync: WorkshopSync;
  private event: EventSummary | null = null;
  private readonly seen = new Set<string>();
  private readonly bars = new Map<string, { row: HTMLElement; fill: HTMLElement; count: HTMLElement }>();
  private readonly head = h('header', { class: 'wall-head' });
  private readonly join = h('aside', { class: 'wall-join', 'data-testid': 'wall-join' });
  private readonly body = h('section', { class: 'wall-body', 'aria-live': 'off' });
  private mode = '';
  private order: RankOrder = sessionStorage.getItem('ws.wallOrder') === 'consensus' ? 'consensus' : 'votes';

  constructor(
    private readonly session: Session,
    workshopId: string,
  ) {
    this.hub = new HubClient(() => session.token);
    this.sync = new WorkshopSync(this.hub, workshopId, `wall-${session.role}`);
  }

  private ended = false;

  start(): void {
    document.body.classList.add('view-wall');
    const conn = connectionBadge(this.hub, () => 0);
    conn.element.classList.add('wall-conn');
    replace(main, h('div', { class: 'wall' }, this.head, this.join, this.body), conn.element);
    replace(this.body, h('p', { class: 'wall-waiting' }, t('app.connecting')));
    this.sync.onChange((change) => {
      if (change.kind === 'snapshot') {
        if (!this.event) {
          void this.loadEvent();
        }
        this.render(true);
      } else if (change.kind === 'event' || change.kind === 'queue') {
        this.render(change.kind === 'event' && (change.name === 'phaseChanged' || change.name === 'settingsChanged'));
      } else if (change.kind === 'fatal' && !this.ended) {
        fullMessage(main, t('access.lostTitle'), t('access.wallText'));
      }
    });
    this.hub.onEvent((name) => {
      if (name === 'eventDeleted') {
        this.ended = true;
        this.hub.stop();
        fullMessage(main, t('gone.title'), t('gone.text'));
      } else if (name === 'eventChanged') {
        // A new title or join code on the wall: read the event again.
        void this.loadEvent();
      }
    });
    this.hub.onUnauthorized = () => {
      if (!this.ended) {
        fullMessage(main, t('access.lostTitle'), t('access.wallText'));
      }
    };
    onLanguageChange(() => this.render(true));
    this.sync.attach();
    this.hub.start();
  }

  private async loadEvent(): Promise<void> {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    try {
      this.event = await getJson<EventSummary>(`/api/events/${encodeURIComponent(state.eventId)}`, this.session.token);
      this.render(true);
    } catch {
      // The wall works without the event's title and code.
    }
  }

  private render(full: boolean): void {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    document.title = `${state.title} · ${t('wall.title')}`;
    const results = state.phase === 'Results' || (state.settings.liveResults && state.phase === 'Voting');
    const mode = state.phase === 'Closed' ? 'outputs' : results ? 'results' : 'ideas';
    replace(this.head,
      h('div', { class: 'wall-titles' },
        this.event ? h('p', { class: 'wall-event' }, upper(this.event.title)) : null,
        h('h1', { class: 'wall-title' }, state.title)),
      h('div', { class: 'wall-status' },
        mode === 'results'
          ? rankToggle(this.order, (order) => {
            this.order = order;
            sessionStorage.setItem('ws.wallOrder', order);
            this.render(true);
          }, 'segmented wall-toggle')
          : null,
        h('p', { class: `wall-phase phase-${state.phase.toLowerCase()}`, 'data-testid': 'phase', 'data-phase': state.phase }, phaseName(state.phase)),
        countdown(() => (this.sync.state?.phase === 'Closed' ? null : this.sync.state?.timerEndsAt ?? null), 'countdown wall-countdown')));
    this.renderJoin(state);
    if (mode !== this.mode || full) {
      this.mode = mode;
      this.bars.clear();
      this.body.replaceChildren();
      this.body.dataset.mode = mode;
    }
    if (mode === 'outputs') {
      this.renderOutputs(state);
    } else if (mode === 'results') {
      this.renderResults(state);
    } else {
      this.renderIdeas(state);
    }
  }

  private renderJoin(state: WorkshopState): void {
    const code = this.event?.joinCode ?? '';
    this.join.hidden = code.length === 0 || state.phase === 'Closed';
    if (this.join.hidden) {
      document.body.classList.remove('wall-with-join');
      return;
    }
    document.body.classList.add('wall-with-join');
    if (this.join.dataset.code !== code || this.join.dataset.lang !== document.documentElement.lang) {
      this.join.dataset.code = code;
      this.join.dataset.lang = document.documentElement.lang;
      replace(this.join,
        h('p', { class: 'wall-join-label' }, t('wall.joinWith')),
        h('p', { class: 'wall-code', 'data-testid': 'join-code' }, code),
        qrCode(joinUrl(code), 320, t('wall.qrLabel', { code })),
        h('p', { class: 'wall-url' }, joinUrl(code).replace(/^https?:\/\//, '')),
        h('p', { class: 'wall-people', 'data-testid': 'people' }));
    }
    const people = this.join.querySelector('.wall-people');
    if (people) {
      people.textContent = tn('presence.count', state.participants);
    }
  }

  private renderIdeas(state: WorkshopState): void {
    const columns = state.boards.map((board) => {
      const ideas = state.ideasOf(board.boardId, false).reverse();
      return h('section', { class: 'wall-column', 'aria-label': board.area },
        h('h2', { class: 'wall-area' }, h('span', null, board.area), h('span', { class: 'wall-count' }, num(ideas.length))),
        h('div', { class: 'wall-ideas' },
          ideas.length === 0 ? h('p', { class: 'wall-empty' }, t(state.phase === 'Setup' ? 'wall.soon' : 'wall.noIdeas')) : null,
          ideas.slice(0, 14).map((idea) => this.ideaCard(idea))));
    });
    const banner = state.phase === 'Voting'
      ? h('p', { class: 'wall-banner' }, tn('wall.voting', state.settings.votesPerBoard))
      : state.phase === 'Setup'
        ? h('p', { class: 'wall-banner' }, t('wall.setup'))
        : null;
    replace(this.body, banner, h('div', { class: `wall-columns cols-${state.boards.length}` }, columns));
    for (const idea of state.ideas.values()) {
      this.seen.add(idea.ideaId);
    }
  }

  private ideaCard(idea: Idea): HTMLElement {
    const fresh = this.seen.size > 0 && !this.seen.has(idea.ideaId);
    return h('article', { class: `wall-idea${fresh ? ' wall-idea-new' : ''}`, 'data-testid': 'wall-idea' },
      h('p', null, idea.text),
      idea.author ? h('p', { class: 'wall-author' }, idea.author) : null,
      paperNote(idea));
  }

  /** Bars keep their elements between updates, so a new tally slides instead of jumping. */
  private renderResults(state: WorkshopState): void {
    let grid = this.body.querySelector<HTMLElement>('.wall-results');
    if (!grid) {
      grid = h('div', { class: `wall-results cols-${state.boards.length}` });
      this.body.replaceChildren(grid);
    }
    const byConsensus = this.order === 'consensus';
    if (byConsensus) {
      this.sync.refreshConsensus();
    }
    grid.dataset.order = this.order;
    const columns = state.boards.map((board) => {
      const ranked = state.rankedBy(board.boardId, this.order).slice(0, 6);
      const max = Math.max(1, ...ranked.map(totalOf));
      const rows = ranked.map((idea) => {
        let bar = this.bars.get(idea.ideaId);
        if (!bar) {
          const fill = h('span', { class: 'wall-bar-fill' });
          const count = h('span', { class: 'wall-bar-count' });
          const row = h('li', { class: 'wall-result', 'data-testid': 'wall-result' },
            h('p', { class: 'wall-result-text' }, idea.text, ' ', paperNote(idea)),
            h('div', { class: 'wall-bar' }, h('span', { class: 'wall-bar-track', 'aria-hidden': 'true' }, fill), count));
          bar = { row, fill, count };
          this.bars.set(idea.ideaId, bar);
        }
        const share = byConsensus ? Math.max(0, Math.min(1, idea.consensus ?? 0)) : totalOf(idea) / max;
        const target = `${Math.round(share * 100)}%`;
        const fill = bar.fill;
        requestAnimationFrame(() => requestAnimationFrame(() => { fill.style.width = target; }));
        if (byConsensus) {
          const known = typeof idea.consensus === 'number';
          bar.count.textContent = consensusText(idea.consensus);
          bar.count.title = known ? t('consensus.help') : t('consensus.none');
          bar.count.setAttribute('aria-label', known ? t('consensus.valueOf', { value: consensusText(idea.consensus) }) : t('consensus.none'));
          bar.count.dataset.testid = 'consensus';
        } else {
          bar.count.textContent = voteText(idea.votes ?? 0, idea.hallVotes);
          bar.count.removeAttribute('title');
          bar.count.removeAttribute('aria-label');
          delete bar.count.dataset.testid;
        }
        return bar.row;
      });
      return h('section', { class: 'wall-column' },
        h('h2', { class: 'wall-area' }, h('span', null, board.area), h('span', { class: 'wall-count' }, tn('votes.count', state.totalVotes(board.boardId)))),
        rows.length === 0 ? h('p', { class: 'wall-empty' }, t('wall.noIdeas')) : h('ol', { class: 'wall-result-list' }, rows));
    });
    grid.replaceChildren(...columns);
  }

  private renderOutputs(state: WorkshopState): void {
    replace(this.body,
      h('p', { class: 'wall-banner' }, t('wall.outputs')),
      h('div', { class: `wall-outputs cols-${state.boards.length}` }, state.boards.map((board, index) => {
        const output = state.outputs.get(board.boardId);
        const text = output?.text?.trim() ?? '';
        return h('section', { class: 'wall-output', 'data-testid': 'wall-output', style: `--i:${index}` },
          h('h2', { class: 'wall-area' }, board.area),
          h('p', { class: 'wall-output-text' }, text || t('output.none')),
          text && output ? h('p', { class: 'wall-output-votes' }, outputVoteText(output)) : null);
      })));
  }
}

void start();
