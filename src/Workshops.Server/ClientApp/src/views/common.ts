import { h } from '../lib/dom';
import { type Key, num, t, tn } from '../lib/i18n';
import type { WorkshopState } from '../lib/state';
import type { Idea, Phase } from '../lib/types';
import { PHASES } from '../lib/types';
import { phaseName } from '../lib/ui';

// Pieces the participant and facilitator views share.

export function phaseBadge(phase: Phase): HTMLElement {
  return h('span', { class: `phase-badge phase-${phase.toLowerCase()}`, 'data-testid': 'phase', 'data-phase': phase }, phaseName(phase));
}

export function stepOf(phase: Phase): string {
  return t('phase.step', { n: PHASES.indexOf(phase) + 1, total: PHASES.length });
}

/** A tally bar: width from the data, animated by CSS; the number is always there as text. */
export function voteBar(votes: number, max: number): HTMLElement {
  const share = max > 0 ? Math.round((votes / max) * 100) : 0;
  const fill = h('span', { class: 'bar-fill' });
  const bar = h('div', { class: 'bar' },
    h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
    h('span', { class: 'bar-count', 'data-testid': 'tally' }, tn('votes.count', votes)));
  // Start from the previous width (or zero) so the change is animated.
  requestAnimationFrame(() => { fill.style.width = `${share}%`; });
  return bar;
}

export function outputCard(state: WorkshopState, boardId: string, heading: Key = 'output.title'): HTMLElement {
  const output = state.outputs.get(boardId);
  const text = output?.text?.trim() ?? '';
  return h('section', { class: 'output-card', 'data-testid': 'output', 'aria-label': `${t(heading)}: ${state.area(boardId)}` },
    h('h3', { class: 'output-heading' }, t(heading)),
    text.length > 0
      ? h('p', { class: 'output-text' }, text)
      : h('p', { class: 'output-text output-empty' }, t('output.none')),
    output && text.length > 0
      ? h('p', { class: 'output-meta' },
        output.source === 'facilitator' ? t('output.byFacilitator') : t('output.topVoted'),
        ' · ', tn('votes.count', output.votes))
      : null);
}

export function mergedNote(state: WorkshopState, idea: Idea): HTMLElement | null {
  const merged = state.mergedInto(idea.ideaId);
  return merged.length === 0 ? null : h('span', { class: 'tag' }, tn('idea.mergedCount', merged.length));
}

export function authorNote(idea: Idea): HTMLElement | null {
  return idea.author ? h('span', { class: 'idea-author' }, idea.author) : null;
}

export function countBadge(n: number, label: string): HTMLElement {
  return h('span', { class: 'count', 'aria-label': label }, num(n));
}
