import { h, replace } from '../lib/dom';
import { t, tn } from '../lib/i18n';
import type { Session } from '../lib/session';
import type { Change, WorkshopSync } from '../lib/sync';
import { totalOf } from '../lib/state';
import type { Idea } from '../lib/types';
import { connectionBadge, countdown, confirmDialog, fullMessage, languageSwitch, showError, tabKeys, textDialog, toast } from '../lib/ui';
import { authorNote, countBadge, mergedNote, outputCard, paperNote, phaseBadge, stepOf, voteBar } from './common';

/** The phone view: one tab per output area; add ideas, vote with dots, see the results. */
export class ParticipantView {
  private boardId = '';
  private readonly seen = new Set<string>();
  private readonly composers = new Map<string, { form: HTMLFormElement; area: HTMLTextAreaElement; counter: HTMLElement }>();
  private readonly conn: { element: HTMLElement; update: () => void };
  private readonly banner = h('section', { class: 'phase-banner', 'aria-labelledby': 'workshop-title' });
  private readonly tabs = h('div', { class: 'tabs', role: 'tablist' });
  private readonly panel = h('section', { class: 'panel', role: 'tabpanel', id: 'panel', tabindex: '-1' });
  private readonly head = h('div', { class: 'panel-head' });
  private readonly composerSlot = h('div');
  private readonly budget = h('div', { class: 'budget', 'aria-live': 'polite', 'data-testid': 'votes-left' });
  private readonly outputSlot = h('div');
  private readonly list = h('div', { class: 'ideas', 'data-testid': 'ideas' });

  constructor(
    private readonly main: HTMLElement,
    topbar: HTMLElement,
    private readonly sync: WorkshopSync,
    session: Session,
  ) {
    this.conn = connectionBadge(sync.hub, () => sync.queue.size);
    topbar.replaceChildren(
      h('a', { class: 'brand', href: '/' }, h('span', { class: 'brand-mark', 'aria-hidden': 'true' }), h('span', { class: 'brand-name' }, t('app.name'))),
      h('div', { class: 'topbar-tools' }, this.conn.element,
        session.eventId ? h('a', { class: 'btn btn-small', href: `/me/${encodeURIComponent(session.eventId)}`, 'data-testid': 'my-data' }, t('me.link')) : null,
        languageSwitch()));
    this.boardId = sessionStorage.getItem(`ws.tab.${sync.workshopId}`) ?? '';
    tabKeys(this.tabs, (index) => this.select(this.sync.state?.boards[index]?.boardId ?? ''));
  }

  onChange(change: Change): void {
    switch (change.kind) {
      case 'snapshot':
        this.renderAll();
        break;
      case 'event':
        if (change.name === 'phaseChanged' || change.name === 'settingsChanged') {
          this.renderAll();
          if (change.name === 'phaseChanged') {
            toast(t('phase.changedTo', { phase: t(`phase.${change.payload.phase}` as never) }));
          }
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
        fullMessage(this.main, t('access.lostTitle'), t('access.lostText'), { href: '/', text: t('access.join') });
        break;
    }
  }

  rerender(): void {
    if (this.sync.state) {
      this.renderAll();
    }
  }

  private select(boardId: string): void {
    this.boardId = boardId;
    sessionStorage.setItem(`ws.tab.${this.sync.workshopId}`, boardId);
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
    replace(this.banner,
      h('p', { class: 'eyebrow' }, phaseBadge(state.phase), ' ', h('span', null, stepOf(state.phase))),
      h('h1', { id: 'workshop-title' }, state.title),
      h('p', { class: 'instruction' }, this.instruction()),
      countdown(() => (this.sync.state?.phase === 'Closed' ? null : this.sync.state?.timerEndsAt ?? null)));
    this.composerSlot.replaceChildren();
    if (state.phase === 'Brainstorm') {
      this.composerSlot.append(this.composer(this.boardId).form);
    }
    if (!this.main.contains(this.banner)) {
      replace(this.main, this.banner, this.tabs, this.panel);
      this.panel.replaceChildren(this.head, this.composerSlot, this.budget, this.outputSlot, this.list);
    }
    this.refresh();
  }

  private instruction(): string {
    const state = this.sync.state!;
    switch (state.phase) {
      case 'Setup':
        return t('participant.setup');
      case 'Brainstorm':
        return t('participant.brainstorm');
      case 'Voting':
        return tn('participant.voting', state.settings.votesPerBoard);
      case 'Results':
        return t('participant.results');
      default:
        return t('participant.closed');
    }
  }

  /** Everything that changes with ideas, votes and outputs; forms stay as they are. */
  private refresh(): void {
    const state = this.sync.state;
    if (!state) {
      return;
    }
    this.conn.update();
    replace(this.tabs, state.boards.map((board) => {
      const selected = board.boardId === this.boardId;
      const count = state.ideasOf(board.boardId, false).length;
      return h('button', {
        type: 'button', role: 'tab', id: `tab-${board.boardId}`, class: 'tab', 'data-key': `tab-${board.boardId}`,
        'aria-selected': selected ? 'true' : 'false', 'aria-controls': 'panel', tabindex: selected ? '0' : '-1',
        'data-testid': 'tab',
        on: { click: () => this.select(board.boardId) },
      }, h('span', { class: 'tab-name' }, board.area), countBadge(count, tn('idea.count', count)));
    }));
    this.tabs.setAttribute('aria-label', t('participant.areas'));
    this.panel.setAttribute('aria-labelledby', `tab-${this.boardId}`);
    replace(this.head, h('h2', { class: 'panel-title' }, state.area(this.boardId)));

    const voting = state.phase === 'Voting';
    this.budget.hidden = !voting;
    if (voting) {
      const left = this.sync.remaining(this.boardId);
      const total = state.settings.votesPerBoard;
      replace(this.budget,
        h('span', { class: 'dots', 'aria-hidden': 'true' },
          Array.from({ length: total }, (_, i) => h('span', { class: i < left ? 'dot dot-free' : 'dot dot-used' }))),
        h('span', { class: 'budget-text', 'data-left': String(left) }, tn('votes.left', left, { total })));
    }

    const showOutput = state.phase === 'Results' || state.phase === 'Closed';
    replace(this.outputSlot, showOutput ? outputCard(state, this.boardId) : null);
    this.renderList();
  }

  private renderList(): void {
    const state = this.sync.state!;
    const phase = state.phase;
    let ideas: Idea[];
    if (state.showsTallies && (phase === 'Results' || phase === 'Closed' || state.settings.liveResults)) {
      ideas = state.ranked(this.boardId).concat(state.ideasOf(this.boardId, true).filter((i) => i.status === 'hidden'));
    } else if (phase === 'Voting') {
      ideas = state.ideasOf(this.boardId, true);
    } else {
      ideas = state.ideasOf(this.boardId, true).reverse();
    }
    const max = Math.max(0, ...ideas.map(totalOf));
    const pending = this.sync.pendingIdeas(this.boardId).map((op) =>
      h('article', { class: 'idea idea-pending', 'data-testid': 'idea-pending' },
        h('p', { class: 'idea-text' }, op.text ?? ''),
        h('div', { class: 'idea-meta' }, h('span', { class: 'tag tag-wait' }, t('idea.waiting')))));
    const cards = ideas.map((idea) => this.card(idea, max));
    replace(this.list,
      pending,
      cards.length === 0 && pending.length === 0 ? h('p', { class: 'empty' }, t('idea.none')) : null,
      cards);
    for (const idea of ideas) {
      this.seen.add(idea.ideaId);
    }
  }

  private card(idea: Idea, max: number): HTMLElement {
    const state = this.sync.state!;
    const isNew = this.seen.size > 0 && !this.seen.has(idea.ideaId);
    const hidden = idea.status === 'hidden';
    const tags = h('div', { class: 'idea-meta' },
      idea.mine ? h('span', { class: 'tag tag-mine' }, t('idea.mine')) : null,
      authorNote(idea),
      hidden ? h('span', { class: 'tag tag-hidden' }, t('idea.hiddenByFacilitator')) : null,
      paperNote(idea),
      mergedNote(state, idea));
    const actions: HTMLElement[] = [];
    if (idea.mine && state.phase === 'Brainstorm' && !hidden) {
      actions.push(
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-key': `edit-${idea.ideaId}`, 'data-testid': 'edit',
          'aria-label': t('idea.editOf', { text: short(idea.text) }),
          on: { click: () => void this.edit(idea) },
        }, t('action.edit')),
        h('button', {
          type: 'button', class: 'btn btn-small btn-danger-quiet', 'data-key': `del-${idea.ideaId}`, 'data-testid': 'delete',
          'aria-label': t('idea.deleteOf', { text: short(idea.text) }),
          on: { click: () => void this.remove(idea) },
        }, t('action.delete')));
    }
    let voteRow: HTMLElement | null = null;
    if (state.phase === 'Voting' && !hidden) {
      const mine = this.sync.myVotes(idea.ideaId);
      const left = this.sync.remaining(idea.boardId);
      const full = mine >= state.settings.maxVotesPerIdea;
      const canVote = left > 0 && !full;
      voteRow = h('div', { class: 'vote-row' },
        h('button', {
          type: 'button', class: 'btn btn-vote-minus', 'data-key': `unvote-${idea.ideaId}`, 'data-testid': 'unvote',
          disabled: mine === 0, 'aria-label': t('votes.retractOf', { text: short(idea.text) }),
          on: { click: () => this.sync.retractVote(idea) },
        }, '−'),
        h('span', { class: 'my-votes', 'data-testid': 'my-votes', 'data-votes': String(mine) },
          h('span', { class: 'dots', 'aria-hidden': 'true' }, Array.from({ length: mine }, () => h('span', { class: 'dot dot-mine' }))),
          h('span', { class: 'my-votes-text' }, tn('votes.mine', mine))),
        h('button', {
          type: 'button', class: `btn btn-vote${full ? ' voted' : ''}`, 'data-key': `vote-${idea.ideaId}`, 'data-testid': 'vote',
          disabled: !canVote, 'aria-label': `${full ? t('votes.done') : t('votes.cast')}: ${short(idea.text)}`,
          on: { click: () => this.sync.castVote(idea) },
        }, full ? t('votes.done') : t('votes.cast')));
    }
    const showBar = state.showsTallies && typeof idea.votes === 'number' && !hidden;
    return h('article', {
      class: `idea${idea.mine ? ' idea-mine' : ''}${hidden ? ' idea-hidden' : ''}${isNew ? ' idea-new' : ''}`,
      'data-testid': 'idea', 'data-idea-id': idea.ideaId,
    },
      h('p', { class: 'idea-text', 'data-testid': 'idea-text' }, idea.text),
      tags,
      showBar ? voteBar(idea.votes ?? 0, max, idea.hallVotes) : null,
      voteRow,
      actions.length > 0 ? h('div', { class: 'idea-actions' }, actions) : null);
  }

  private composer(boardId: string): { form: HTMLFormElement; area: HTMLTextAreaElement; counter: HTMLElement } {
    const existing = this.composers.get(boardId);
    const max = this.sync.state!.settings.maxIdeaLength;
    if (existing) {
      existing.area.maxLength = max;
      return existing;
    }
    const id = `idea-input-${boardId}`;
    const area = h('textarea', {
      id, class: 'input composer-input', rows: 3, maxLength: max, 'data-testid': 'idea-input',
      'aria-describedby': `${id}-count`,
    });
    const counter = h('span', { class: 'counter', id: `${id}-count` });
    const label = h('label', { for: id, class: 'label' });
    const button = h('button', { type: 'submit', class: 'btn btn-primary', 'data-testid': 'add-idea' });
    const count = (): void => {
      const limit = this.sync.state?.settings.maxIdeaLength ?? max;
      counter.textContent = t('idea.chars', { n: area.value.length, max: limit });
      label.textContent = t('idea.yourIdea', { area: this.sync.state?.area(boardId) ?? '' });
      button.textContent = t('idea.add');
    };
    area.addEventListener('input', count);
    const form = h('form', {
      class: 'composer', 'data-testid': 'composer',
      on: {
        submit: (e: SubmitEvent) => {
          e.preventDefault();
          const text = area.value.trim();
          if (text.length === 0) {
            area.focus();
            return;
          }
          this.sync.addIdea(boardId, text);
          area.value = '';
          count();
          area.focus();
        },
      },
    }, label, area, h('div', { class: 'composer-foot' }, counter, button));
    // Enter sends on a laptop; Shift+Enter keeps a line break. Phones have their own send button.
    area.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
        e.preventDefault();
        form.requestSubmit();
      }
    });
    count();
    const made = { form, area, counter };
    this.composers.set(boardId, made);
    return made;
  }

  relabel(): void {
    for (const c of this.composers.values()) {
      c.area.dispatchEvent(new Event('input'));
    }
  }

  private async edit(idea: Idea): Promise<void> {
    const text = await textDialog(t('idea.editTitle'), t('idea.text'), idea.text, this.sync.state!.settings.maxIdeaLength);
    if (text !== null && text !== idea.text) {
      await this.sync.call('EditIdea', idea.ideaId, text).catch(() => undefined);
    }
  }

  private async remove(idea: Idea): Promise<void> {
    if (await confirmDialog(t('idea.deleteTitle'), idea.text, t('action.delete'))) {
      await this.sync.call('DeleteIdea', idea.ideaId).catch(() => undefined);
    }
  }
}

/** The start of a text, for labels of buttons that act on it. */
export function short(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

