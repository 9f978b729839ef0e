import { download, getJson } from '../lib/api';
import { h, replace } from '../lib/dom';
import { formatTime, num, t, tn } from '../lib/i18n';
import type { Session } from '../lib/session';
import { type RankOrder, totalOf } from '../lib/state';
import type { Change, WorkshopSync } from '../lib/sync';
import { type EventSummary, type Idea, type Phase, PHASES, type Settings } from '../lib/types';
import {
  confirmDialog, connectionBadge, countdown, errorText, fullMessage, languageSwitch, phaseName, showError, tabKeys,
  textDialog, toast,
} from '../lib/ui';
import {
  authorNote, consensusBar, countBadge, mergedNote, outputCard, paperNote, phaseBadge, rankToggle, voteBar, voteText,
} from './common';
import { short } from './participant';

interface OutputEditor {
  root: HTMLElement;
  area: HTMLTextAreaElement;
  current: HTMLElement;
  sources: string[];
  dirty: boolean;
}

/** The facilitator's laptop view (moderators and admins get it too, for any workshop). */
export class FacilitatorView {
  private boardId = '';
  private sort: 'new' | 'votes' = 'new';
  private rankOrder: RankOrder = sessionStorage.getItem('ws.rankOrder') === 'consensus' ? 'consensus' : 'votes';
  private readonly selected = new Set<string>();
  private readonly seen = new Set<string>();
  private joinCode: string | null = null;
  private readonly composers = new Map<string, { form: HTMLFormElement; area: HTMLTextAreaElement; refresh: () => void }>();
  /** Hall counts being typed (kept across redraws), their inline errors, and the count last sent, by ideaId. */
  private readonly hallDrafts = new Map<string, string>();
  private readonly hallErrors = new Map<string, string>();
  private readonly hallSent = new Map<string, number>();
  private readonly editors = new Map<string, OutputEditor>();
  private readonly conn: { element: HTMLElement; update: () => void };
  private readonly presence = h('span', { class: 'presence', 'data-testid': 'presence' });
  private readonly header = h('section', { class: 'fac-header' });
  private readonly stepper = h('ol', { class: 'stepper', 'data-testid': 'stepper' });
  private readonly stepperHint = h('p', { class: 'hint', hidden: true });
  private readonly phaseHelp = h('p', { class: 'phase-help' });
  private readonly timerCard = h('section', { class: 'card timer-card', 'aria-labelledby': 'timer-title' });
  private readonly settingsCard = h('details', { class: 'card settings-card' });
  private readonly tabs = h('div', { class: 'tabs', role: 'tablist' });
  private readonly panel = h('section', { class: 'panel fac-panel', role: 'tabpanel', id: 'panel', tabindex: '-1' });
  private readonly streamHead = h('div', { class: 'stream-head' });
  private readonly composerSlot = h('div');
  private readonly list = h('div', { class: 'ideas', 'data-testid': 'ideas' });
  private readonly side = h('div', { class: 'fac-side' });
  private readonly ranking = h('section', { class: 'card ranking', 'data-testid': 'tallies' });

  constructor(
    private readonly main: HTMLElement,
    topbar: HTMLElement,
    private readonly sync: WorkshopSync,
    private readonly session: Session,
  ) {
    this.conn = connectionBadge(sync.hub, () => sync.queue.size);
    topbar.replaceChildren(
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
      h('div', { class: 'topbar-tools' }, this.presence, this.conn.element, languageSwitch()));
    this.boardId = sessionStorage.getItem(`ws.tab.${sync.workshopId}`) ?? '';
    tabKeys(this.tabs, (index) => this.select(this.sync.state?.boards[index]?.boardId ?? ''));
  }

  onChange(change: Change): void {
    switch (change.kind) {
      case 'snapshot':
        if (this.joinCode === null) {
          void this.loadJoinCode();
        }
        this.renderAll();
        break;
      case 'event':
        if (change.name === 'phaseChanged' || change.name === 'settingsChanged' || change.name === 'timerChanged') {
          this.renderAll();
        } else {
          this.refresh();
        }
        break;
      case 'queue':
        this.refresh();
        break;
      case 'error':
        showError(change.code);
        break;
      case 'fatal':
        fullMessage(this.main, t('access.lostTitle'), t('access.staffLost'), { href: '/', text: t('access.home') });
        break;
    }
  }

  rerender(): void {
    if (this.sync.state) {
      for (const c of this.composers.values()) {
        c.refresh();
      }
      this.renderAll();
    }
  }

  private async loadJoinCode(): Promise<void> {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    try {
      const summary = await getJson<EventSummary>(`/api/events/${encodeURIComponent(state.eventId)}`, this.session.token);
      this.joinCode = summary.joinCode ?? '';
      this.renderHeader();
    } catch {
      this.joinCode = '';
    }
  }

  private select(boardId: string): void {
    this.boardId = boardId;
    sessionStorage.setItem(`ws.tab.${this.sync.workshopId}`, boardId);
    this.selected.clear();
    this.renderAll();
  }

  private renderAll(): void {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    if (!state.boards.some((b) => b.boardId === this.boardId)) {
      this.boardId = state.boards[0]?.boardId ?? '';
    }
    document.title = `${state.title} · ${t('app.name')}`;
    this.renderHeader();
    this.renderStepper();
    this.renderTimer();
    this.renderSettings();
    this.composerSlot.replaceChildren();
    if (state.phase !== 'Closed') {
      this.composerSlot.append(this.composer(this.boardId).form);
    }
    replace(this.side, this.editor(this.boardId).root, this.ranking);
    if (!this.main.contains(this.header)) {
      replace(this.main,
        this.header,
        h('div', { class: 'fac-controls' },
          h('section', { class: 'card stepper-card', 'aria-labelledby': 'stepper-title' },
            h('h2', { id: 'stepper-title', class: 'card-title', 'data-i18n': 'fac.phase' }, t('fac.phase')),
            this.stepper, this.stepperHint, this.phaseHelp),
          this.timerCard),
        this.settingsCard,
        this.tabs,
        this.panel);
      this.panel.replaceChildren(
        h('div', { class: 'fac-grid' },
          h('div', { class: 'fac-stream' }, this.streamHead, this.composerSlot, this.list),
          this.side));
    }
    this.main.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n as never); });
    this.refresh();
  }

  private renderHeader(): void {
    const state = this.sync.state!;
    const role = this.session.role;
    const exportButtons = (['md', 'docx', 'csv', 'json'] as const).map((format) =>
      h('button', {
        type: 'button', class: 'btn btn-small', 'data-testid': `export-${format}`,
        on: { click: () => void this.export(format) },
      }, format.toUpperCase()));
    replace(this.header,
      h('div', { class: 'fac-title' },
        h('p', { class: 'eyebrow' }, role === 'facilitator' ? t('fac.youFacilitate') : t('fac.youModerate')),
        h('h1', null, state.title),
        h('p', { class: 'fac-meta' }, phaseBadge(state.phase),
          this.joinCode ? h('span', { class: 'join-code-inline', 'data-testid': 'join-code' }, t('fac.joinCode'), ' ', h('strong', null, this.joinCode)) : null)),
      h('div', { class: 'fac-links' },
        h('a', { class: 'btn', href: `/wall/${encodeURIComponent(state.workshopId)}`, target: '_blank', rel: 'noopener', 'data-testid': 'open-wall' }, t('fac.openWall')),
        role !== 'facilitator'
          ? h('a', { class: 'btn', href: `/m/${encodeURIComponent(state.eventId)}` }, t('fac.backToEvent'))
          : null,
        h('div', { class: 'export-group', role: 'group', 'aria-label': t('fac.export') },
          h('span', { class: 'export-label', 'aria-hidden': 'true' }, t('fac.export')), exportButtons)));
  }

  private renderStepper(): void {
    const state = this.sync.state!;
    const current = PHASES.indexOf(state.phase);
    const locked = state.phase === 'Closed' && this.session.role === 'facilitator';
    replace(this.stepper, PHASES.map((phase, index) => h('li', {
      class: `step${index < current ? ' step-done' : ''}${index === current ? ' step-current' : ''}`,
    },
      h('button', {
        type: 'button', class: 'step-button', 'data-key': `phase-${phase}`, 'data-testid': `phase-${phase}`,
        'aria-current': index === current ? 'step' : null,
        disabled: index === current || locked,
        on: { click: () => void this.setPhase(phase) },
      },
        h('span', { class: 'step-number', 'aria-hidden': 'true' }, num(index + 1)),
        h('span', { class: 'step-name' }, phaseName(phase))))));
    this.phaseHelp.textContent = t(`fac.help.${state.phase}` as never);
    this.stepperHint.hidden = !locked;
    this.stepperHint.textContent = locked ? t('fac.closedLocked') : '';
  }

  private async setPhase(phase: Phase): Promise<void> {
    if (phase === 'Closed') {
      const sure = await confirmDialog(t('fac.closeTitle'), t('fac.closeText'), t('fac.closeConfirm'));
      if (!sure) {
        return;
      }
    }
    await this.sync.call('SetPhase', phase).catch(() => undefined);
  }

  private renderTimer(): void {
    const minutesId = 'timer-minutes';
    const minutes = h('input', { id: minutesId, type: 'number', class: 'input input-narrow', min: 1, max: 120, step: 1, value: '5', inputmode: 'numeric' });
    const start = (seconds: number): void => {
      void this.sync.call('StartTimer', seconds).catch(() => undefined);
    };
    replace(this.timerCard,
      h('h2', { id: 'timer-title', class: 'card-title' }, t('timer.title')),
      countdown(() => this.sync.state?.timerEndsAt ?? null, 'countdown countdown-large'),
      this.sync.state?.timerEndsAt ? null : h('p', { class: 'hint' }, t('timer.none')),
      h('div', { class: 'timer-presets', role: 'group', 'aria-label': t('timer.presets') },
        [1, 3, 5, 10].map((m) => h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': `timer-${m}`,
          on: { click: () => start(m * 60) },
        }, tn('timer.minutes', m)))),
      h('form', {
        class: 'timer-custom',
        on: {
          submit: (e: SubmitEvent) => {
            e.preventDefault();
            const value = Math.round(Number(minutes.value));
            if (value >= 1 && value <= 120) {
              start(value * 60);
            }
          },
        },
      },
        h('label', { for: minutesId, class: 'label-inline' }, t('timer.custom')), minutes,
        h('button', { type: 'submit', class: 'btn btn-small btn-primary' }, t('timer.start')),
        h('button', {
          type: 'button', class: 'btn btn-small', disabled: !this.sync.state?.timerEndsAt, 'data-testid': 'timer-stop',
          on: { click: () => void this.sync.call('StopTimer').catch(() => undefined) },
        }, t('timer.stop'))));
  }

  private renderSettings(): void {
    const state = this.sync.state!;
    const s = state.settings;
    const locked = state.phase === 'Voting';
    const number = (id: keyof Settings, label: string, min: number, max: number) => [
      h('label', { for: `set-${id}`, class: 'label' }, label),
      h('input', { id: `set-${id}`, name: id, type: 'number', class: 'input input-narrow', min, max, value: String(s[id]), disabled: locked }),
    ];
    const check = (id: keyof Settings, label: string) => h('label', { class: 'check' },
      h('input', { type: 'checkbox', name: id, checked: Boolean(s[id]), disabled: locked }), h('span', null, label));
    const open = this.settingsCard.open;
    const form = h('form', {
      class: 'settings-form',
      on: {
        submit: (e: SubmitEvent) => {
          e.preventDefault();
          const data = new FormData(form);
          const next: Settings = {
            votesPerBoard: Number(data.get('votesPerBoard')),
            maxVotesPerIdea: Number(data.get('maxVotesPerIdea')),
            maxIdeaLength: Number(data.get('maxIdeaLength')),
            anonymousIdeas: data.get('anonymousIdeas') !== null,
            liveResults: data.get('liveResults') !== null,
          };
          void this.sync.call('UpdateSettings', next).then(() => toast(t('settings.saved'))).catch(() => undefined);
        },
      },
    },
      h('div', { class: 'settings-grid' },
        h('div', null, number('votesPerBoard', t('settings.votesPerBoard'), 1, 100)),
        h('div', null, number('maxVotesPerIdea', t('settings.maxVotesPerIdea'), 1, 100)),
        h('div', null, number('maxIdeaLength', t('settings.maxIdeaLength'), 10, 2000))),
      check('anonymousIdeas', t('settings.anonymousIdeas')),
      check('liveResults', t('settings.liveResults')),
      locked ? h('p', { class: 'hint' }, t('settings.lockedInVoting')) : null,
      h('button', { type: 'submit', class: 'btn btn-primary', disabled: locked }, t('settings.save')));
    replace(this.settingsCard,
      h('summary', null, t('settings.title'), ' ',
        h('span', { class: 'summary-detail' }, t('settings.summary', { votes: s.votesPerBoard, perIdea: s.maxVotesPerIdea }))),
      form);
    this.settingsCard.open = open;
  }

  private refresh(): void {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    this.conn.update();
    this.presence.textContent = tn('presence.count', state.participants);
    for (const id of [...this.selected]) {
      const idea = state.ideas.get(id);
      if (!idea || idea.status === 'merged' || idea.boardId !== this.boardId) {
        this.selected.delete(id);
      }
    }
    replace(this.tabs, state.boards.map((board) => {
      const selected = board.boardId === this.boardId;
      const count = state.visibleIdeaCount(board.boardId);
      return h('button', {
        type: 'button', role: 'tab', id: `tab-${board.boardId}`, class: 'tab', 'data-key': `tab-${board.boardId}`,
        'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'panel', tabindex: selected ? '0' : '-1',
        'data-testid': 'tab',
        on: { click: () => this.select(board.boardId) },
      }, h('span', { class: 'tab-name' }, board.area), countBadge(count, tn('idea.count', count)),
      h('span', { class: 'tab-votes' }, tn('votes.count', state.totalVotes(board.boardId))));
    }));
    this.tabs.setAttribute('aria-label', t('participant.areas'));
    this.panel.setAttribute('aria-labelledby', `tab-${this.boardId}`);
    this.renderStreamHead();
    this.renderList();
    this.renderRanking();
    this.updateEditor();
  }

  private renderStreamHead(): void {
    const state = this.sync.state!;
    const n = this.selected.size;
    replace(this.streamHead,
      h('h2', { class: 'panel-title' }, state.area(this.boardId)),
      h('div', { class: 'stream-tools' },
        h('div', { class: 'segmented', role: 'group', 'aria-label': t('fac.sort') },
          (['new', 'votes'] as const).map((sort) => h('button', {
            type: 'button', class: 'btn btn-small', 'aria-pressed': this.sort === sort ? 'true' : 'false', 'data-key': `sort-${sort}`,
            on: { click: () => { this.sort = sort; this.refresh(); } },
          }, t(sort === 'new' ? 'fac.sortNew' : 'fac.sortVotes')))),
        h('div', { class: 'merge-bar', 'data-testid': 'merge-bar' },
          h('span', { class: 'merge-count', 'aria-live': 'polite' }, tn('fac.selected', n)),
          h('button', {
            type: 'button', class: 'btn btn-small btn-primary', disabled: n < 2, 'data-key': 'merge', 'data-testid': 'merge',
            on: { click: () => void this.merge() },
          }, t('fac.merge')),
          h('button', {
            type: 'button', class: 'btn btn-small btn-quiet', disabled: n === 0, 'data-key': 'clear-selection',
            on: { click: () => { this.selected.clear(); this.refresh(); } },
          }, t('fac.clearSelection')))));
  }

  private renderList(): void {
    const state = this.sync.state!;
    const ideas = this.sort === 'votes'
      ? state.ideasOf(this.boardId, true).sort((a, b) => totalOf(b) - totalOf(a) || (a.createdAt < b.createdAt ? -1 : 1))
      : state.ideasOf(this.boardId, true).reverse();
    const max = Math.max(0, ...ideas.map(totalOf));
    const pending = this.sync.pendingIdeas(this.boardId).map((op) =>
      h('article', { class: 'idea idea-pending' }, h('p', { class: 'idea-text' }, op.text ?? ''),
        h('div', { class: 'idea-meta' }, h('span', { class: 'tag tag-wait' }, t('idea.waiting')))));
    replace(this.list,
      pending,
      ideas.length === 0 && pending.length === 0 ? h('p', { class: 'empty' }, t('idea.none')) : null,
      ideas.map((idea) => this.card(idea, max)));
    for (const idea of ideas) {
      this.seen.add(idea.ideaId);
    }
  }

  private card(idea: Idea, max: number): HTMLElement {
    const state = this.sync.state!;
    const hidden = idea.status === 'hidden';
    const isNew = this.seen.size > 0 && !this.seen.has(idea.ideaId);
    const checkId = `sel-${idea.ideaId}`;
    const label = short(idea.text);
    const closed = state.phase === 'Closed';
    return h('article', {
      class: `idea idea-fac${hidden ? ' idea-hidden' : ''}${isNew ? ' idea-new' : ''}${this.selected.has(idea.ideaId) ? ' idea-selected' : ''}`,
      'data-testid': 'idea', 'data-idea-id': idea.ideaId,
    },
      h('div', { class: 'idea-row' },
        h('input', {
          type: 'checkbox', id: checkId, class: 'idea-check', 'data-key': checkId, 'data-testid': 'select',
          checked: this.selected.has(idea.ideaId), disabled: hidden,
          'aria-label': t('fac.selectIdea', { text: label }),
          on: {
            change: (e: Event) => {
              if ((e.target as HTMLInputElement).checked) {
                this.selected.add(idea.ideaId);
              } else {
                this.selected.delete(idea.ideaId);
              }
              this.refresh();
            },
          },
        }),
        h('p', { class: 'idea-text', 'data-testid': 'idea-text' }, idea.text)),
      h('div', { class: 'idea-meta' },
        h('span', { class: 'idea-time' }, formatTime(idea.createdAt)),
        authorNote(idea),
        hidden ? h('span', { class: 'tag tag-hidden' }, t('idea.hidden')) : null,
        paperNote(idea),
        mergedNote(state, idea)),
      hidden ? null : voteBar(idea.votes ?? 0, max, idea.hallVotes),
      state.phase === 'Voting' || state.phase === 'Results' ? this.hallEntry(idea, label) : null,
      h('div', { class: 'idea-actions' },
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-key': `hide-${idea.ideaId}`, 'data-testid': hidden ? 'restore' : 'hide',
          'aria-label': t(hidden ? 'fac.restoreOf' : 'fac.hideOf', { text: label }), disabled: closed,
          on: { click: () => void this.sync.call(hidden ? 'RestoreIdea' : 'HideIdea', idea.ideaId).catch(() => undefined) },
        }, t(hidden ? 'fac.restore' : 'fac.hide')),
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-key': `edit-${idea.ideaId}`, 'data-testid': 'edit', disabled: closed,
          'aria-label': t('idea.editOf', { text: label }),
          on: { click: () => void this.edit(idea) },
        }, t('action.edit')),
        hidden ? null : h('button', {
          type: 'button', class: 'btn btn-small', 'data-key': `use-${idea.ideaId}`, 'data-testid': 'use-as-output', disabled: closed,
          'aria-label': t('fac.useAsOutputOf', { text: label }),
          on: { click: () => this.useAsOutput(idea) },
        }, t('fac.useAsOutput'))));
  }

  private renderRanking(): void {
    const state = this.sync.state!;
    if (this.rankOrder === 'consensus') {
      this.sync.refreshConsensus();
    }
    const top = state.rankedBy(this.boardId, this.rankOrder).slice(0, 5);
    const max = Math.max(0, ...top.map(totalOf));
    replace(this.ranking,
      h('div', { class: 'ranking-head' },
        h('h2', { class: 'card-title' }, t('fac.tallies'), ' ', h('span', { class: 'summary-detail' }, tn('votes.count', state.totalVotes(this.boardId)))),
        rankToggle(this.rankOrder, (order) => {
          this.rankOrder = order;
          sessionStorage.setItem('ws.rankOrder', order);
          this.renderRanking();
        })),
      top.length === 0
        ? h('p', { class: 'empty' }, t('idea.none'))
        : h('ol', { class: 'rank-list', 'data-testid': 'rank-list', 'data-order': this.rankOrder }, top.map((idea) => h('li', { class: 'rank-item', 'data-testid': 'rank-item' },
          h('span', { class: 'rank-text' }, idea.text, ' ', paperNote(idea)),
          h('div', { class: 'rank-figures' }, voteBar(idea.votes ?? 0, max, idea.hallVotes), consensusBar(idea.consensus))))));
  }

  /**
   * The raised hands counted in the room for one idea (section 9): Enter saves and moves to the
   * next idea's box, so a facilitator types "12⏎30⏎7⏎" down the list; Tab or leaving the box saves too.
   */
  private hallEntry(idea: Idea, label: string): HTMLElement {
    const id = `hall-${idea.ideaId}`;
    const errorId = `hall-error-${idea.ideaId}`;
    const error = this.hallErrors.get(idea.ideaId);
    const input = h('input', {
      id, type: 'number', class: 'input input-narrow hall-input', inputmode: 'numeric', min: 0, max: 100000, step: 1,
      value: this.hallDrafts.get(idea.ideaId) ?? String(idea.hallVotes ?? 0),
      'data-key': id, 'data-testid': 'hall-votes', 'data-idea-id': idea.ideaId,
      'aria-label': t('hall.label', { text: label }),
      'aria-invalid': error ? 'true' : null, 'aria-describedby': error ? errorId : null,
      on: {
        input: () => { this.hallDrafts.set(idea.ideaId, input.value); },
        change: () => void this.saveHall(idea.ideaId, input.value),
        keydown: (e: KeyboardEvent) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            // Moving on first: leaving the box fires its change, which saves; a wrong count stays put.
            if (hallCount(input.value) !== null) {
              this.focusNextHall(input);
            }
            void this.saveHall(idea.ideaId, input.value);
          }
        },
      },
    });
    return h('div', { class: 'hall-entry' },
      h('label', { for: id, class: 'label-inline' }, t('hall.title')),
      input,
      error ? h('p', { id: errorId, class: 'field-error', 'data-testid': 'hall-error' }, error) : null);
  }

  private focusNextHall(input: HTMLInputElement): void {
    const inputs = [...this.list.querySelectorAll<HTMLInputElement>('input.hall-input')];
    const next = inputs[inputs.indexOf(input) + 1];
    if (next) {
      next.focus();
      next.select();
    }
  }

  private async saveHall(ideaId: string, raw: string): Promise<void> {
    // Redrawn after the key or focus change that got here, so that focus lands where it went.
    const redraw = (): void => queueMicrotask(() => this.refresh());
    const text = raw.trim();
    const count = hallCount(text);
    if (count === null) {
      this.hallErrors.set(ideaId, t('hall.invalid'));
      redraw();
      return;
    }
    const idea = this.sync.state?.ideas.get(ideaId);
    if (!idea || count === (this.hallSent.get(ideaId) ?? idea.hallVotes ?? 0)) {
      if (this.hallErrors.delete(ideaId)) {
        redraw();
      }
      return;
    }
    this.hallSent.set(ideaId, count);
    try {
      const saved = await this.sync.call<Idea>('SetHallVotes', ideaId, count);
      this.sync.state?.upsertIdea(saved);
      this.hallErrors.delete(ideaId);
      if (this.hallDrafts.get(ideaId)?.trim() === text) {
        this.hallDrafts.delete(ideaId);
      }
    } catch (error) {
      this.hallErrors.set(ideaId, errorText((error as { code?: string }).code ?? 'unknown'));
    } finally {
      this.hallSent.delete(ideaId);
    }
    this.refresh();
  }

  private composer(boardId: string): { form: HTMLFormElement; area: HTMLTextAreaElement; refresh: () => void } {
    const existing = this.composers.get(boardId);
    if (existing) {
      existing.refresh();
      return existing;
    }
    const id = `idea-input-${boardId}`;
    const area = h('textarea', { id, class: 'input composer-input', rows: 2, 'data-testid': 'idea-input' });
    const label = h('label', { for: id, class: 'label' });
    // Stays ticked while a pile of paper ideas is typed in.
    const paper = h('input', { type: 'checkbox', id: `paper-${boardId}`, 'data-testid': 'idea-paper' });
    const paperLabel = h('span');
    const button = h('button', { type: 'submit', class: 'btn btn-primary btn-small', 'data-testid': 'add-idea' });
    const refresh = (): void => {
      area.maxLength = this.sync.state?.settings.maxIdeaLength ?? 280;
      label.textContent = t('fac.addIdea');
      paperLabel.textContent = t('idea.fromPaper');
      button.textContent = t('idea.add');
    };
    const form = h('form', {
      class: 'composer composer-compact',
      on: {
        submit: (e: SubmitEvent) => {
          e.preventDefault();
          const text = area.value.trim();
          if (text.length > 0) {
            this.sync.addIdea(boardId, text, paper.checked);
            area.value = '';
          }
          area.focus();
        },
      },
    }, label, h('div', { class: 'composer-line' }, area, button), h('label', { class: 'check', for: `paper-${boardId}` }, paper, paperLabel));
    refresh();
    const made = { form, area, refresh };
    this.composers.set(boardId, made);
    return made;
  }

  private editor(boardId: string): OutputEditor {
    let editor = this.editors.get(boardId);
    if (!editor) {
      const id = `output-${boardId}`;
      const area = h('textarea', { id, class: 'input', rows: 4, maxLength: 2000, 'data-testid': 'output-input' });
      const current = h('div');
      const made: OutputEditor = { root: h('section'), area, current, sources: [], dirty: false };
      area.addEventListener('input', () => { made.dirty = true; });
      made.root = h('section', { class: 'card output-editor', 'data-testid': 'output-editor' },
        current,
        h('form', {
          class: 'stack',
          on: {
            submit: (e: SubmitEvent) => {
              e.preventDefault();
              const text = area.value.trim();
              if (text.length === 0) {
                area.focus();
                return;
              }
              void this.sync.call('SetOutput', boardId, { text, sourceIdeaIds: made.sources })
                .then(() => { made.dirty = false; toast(t('output.saved')); })
                .catch(() => undefined);
            },
          },
        },
          h('label', { for: id, class: 'label', 'data-i18n': 'output.wording' }, t('output.wording')),
          area,
          h('p', { class: 'hint', 'data-i18n': 'output.help' }, t('output.help')),
          h('div', { class: 'button-row' },
            h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'save-output', 'data-i18n': 'output.save' }, t('output.save')),
            h('button', {
              type: 'button', class: 'btn', 'data-testid': 'clear-output', 'data-i18n': 'output.useTopVoted',
              on: {
                click: () => void this.sync.call('ClearOutput', boardId)
                  .then(() => { made.dirty = false; made.sources = []; })
                  .catch(() => undefined),
              },
            }, t('output.useTopVoted')))));
      this.editors.set(boardId, made);
      editor = made;
    }
    return editor;
  }

  private updateEditor(): void {
    const state = this.sync.state!;
    const editor = this.editor(this.boardId);
    replace(editor.current, outputCard(state, this.boardId, 'output.current'));
    const output = state.outputs.get(this.boardId);
    if (!editor.dirty && document.activeElement !== editor.area) {
      editor.area.value = output?.text ?? '';
      editor.sources = output?.sourceIdeaIds ? [...output.sourceIdeaIds] : [];
    }
    editor.root.querySelectorAll<HTMLElement>('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n as never); });
  }

  private useAsOutput(idea: Idea): void {
    const editor = this.editor(idea.boardId);
    editor.area.value = idea.text;
    editor.sources = [idea.ideaId, ...this.sync.state!.mergedInto(idea.ideaId).map((m) => m.ideaId)];
    editor.dirty = true;
    editor.area.focus();
    editor.area.scrollIntoView({ block: 'center', behavior: 'smooth' });
  }

  private async edit(idea: Idea): Promise<void> {
    const text = await textDialog(t('idea.editTitle'), t('idea.text'), idea.text, this.sync.state!.settings.maxIdeaLength);
    if (text !== null && text !== idea.text) {
      await this.sync.call('EditIdea', idea.ideaId, text).catch(() => undefined);
    }
  }

  private async merge(): Promise<void> {
    const state = this.sync.state!;
    const ideas = [...this.selected].map((id) => state.ideas.get(id)).filter((i): i is Idea => !!i);
    if (ideas.length < 2) {
      return;
    }
    const target = await this.pickMergeTarget(ideas);
    if (!target) {
      return;
    }
    const sources = ideas.filter((i) => i.ideaId !== target).map((i) => i.ideaId);
    try {
      await this.sync.call('MergeIdeas', target, sources);
      this.selected.clear();
      toast(tn('fac.merged', sources.length + 1));
      this.refresh();
    } catch {
      // Shown by the error toast.
    }
  }

  /** Asks which of the selected ideas keeps its text (the others' votes move to it). */
  private pickMergeTarget(ideas: Idea[]): Promise<string | null> {
    return new Promise((resolve) => {
      let answer: string | null = null;
      const best = [...ideas].sort((a, b) => totalOf(b) - totalOf(a))[0]!;
      const form = h('form', {
        method: 'dialog',
        on: {
          submit: () => {
            const checked = form.querySelector<HTMLInputElement>('input[name="target"]:checked');
            answer = checked?.value ?? null;
          },
        },
      },
        h('fieldset', { class: 'choices' },
          h('legend', { class: 'label' }, t('fac.mergeKeep')),
          ideas.map((idea) => h('label', { class: 'choice' },
            h('input', { type: 'radio', name: 'target', value: idea.ideaId, checked: idea.ideaId === best.ideaId }),
            h('span', { class: 'choice-text' }, idea.text, ' ', h('span', { class: 'muted' }, `(${voteText(idea.votes ?? 0, idea.hallVotes)})`))))),
        h('p', { class: 'hint' }, t('fac.mergeHelp')),
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn', on: { click: () => dialog.close() } }, t('action.cancel')),
          h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'confirm-merge' }, t('fac.mergeConfirm'))));
      const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': 'merge-title' },
        h('h2', { id: 'merge-title', class: 'dialog-title' }, tn('fac.mergeTitle', ideas.length)), form);
      dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
      document.body.appendChild(dialog);
      dialog.showModal();
    });
  }

  private async export(format: 'md' | 'docx' | 'csv' | 'json'): Promise<void> {
    const state = this.sync.state!;
    try {
      await download(`/api/workshops/${encodeURIComponent(state.workshopId)}/export?format=${format}`, this.session.token, `workshop.${format}`);
    } catch (error) {
      toast(errorText((error as { code?: string }).code ?? 'unknown'), 'error');
    }
  }
}

/** A hall count as typed: a whole number 0-100,000 (section 9), else null. */
function hallCount(raw: string): number | null {
  const text = raw.trim();
  return /^\d{1,6}$/.test(text) && Number(text) <= 100000 ? Number(text) : null;
}
