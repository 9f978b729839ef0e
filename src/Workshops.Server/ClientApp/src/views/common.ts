import { h } from '../lib/dom';
import { type Key, locale, num, t, tn } from '../lib/i18n';
import type { RankOrder, WorkshopState } from '../lib/state';
import type { GroupSupport, Idea, Output, Phase } from '../lib/types';
import { PHASES } from '../lib/types';
import { phaseName } from '../lib/ui';

// Pieces the participant and facilitator views share.

export function phaseBadge(phase: Phase): HTMLElement {
  return h('span', { class: `phase-badge phase-${phase.toLowerCase()}`, 'data-testid': 'phase', 'data-phase': phase }, phaseName(phase));
}

export function stepOf(phase: Phase): string {
  return t('phase.step', { n: PHASES.indexOf(phase) + 1, total: PHASES.length });
}

/**
 * Votes ranked together, shown apart (section 9): "42 oy = 12 dijital + 30 salon", or just
 * "12 oy" while no hands were counted. `votes` are the digital ones.
 */
export function voteText(votes: number, hallVotes?: number | null): string {
  const hall = hallVotes ?? 0;
  return hall === 0 ? tn('votes.count', votes) : t('votes.split', { total: votes + hall, digital: votes, hall });
}

/** An output's votes are the total already (section 9); its hallVotes are the part from the room. */
export function outputVoteText(output: Output): string {
  return voteText(output.votes - (output.hallVotes ?? 0), output.hallVotes);
}

/** The marker of an idea written on paper in the room and typed in (section 9). */
export function paperNote(idea: Idea): HTMLElement | null {
  return idea.source === 'paper' ? h('span', { class: 'tag tag-paper', 'data-testid': 'paper' }, t('idea.paper')) : null;
}

/** A tally bar: width from the total, animated by CSS; the numbers are always there as text. */
export function voteBar(votes: number, max: number, hallVotes?: number | null): HTMLElement {
  const total = votes + (hallVotes ?? 0);
  const share = max > 0 ? Math.round((total / max) * 100) : 0;
  const fill = h('span', { class: 'bar-fill' });
  const bar = h('div', { class: 'bar' },
    h('span', { class: 'bar-track', 'aria-hidden': 'true' }, fill),
    h('span', { class: 'bar-count', 'data-testid': 'tally', 'data-total': String(total) }, voteText(votes, hallVotes)));
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
        ' · ', outputVoteText(output),
        // Staff always see it (absent means no two groups qualify); others where it is sent.
        !state.isParticipant || typeof output.consensus === 'number' ? h('span', { class: 'output-consensus', title: typeof output.consensus === 'number' ? t('consensus.help') : t('consensus.none') },
          ' · ', t('output.consensus', { value: consensusText(output.consensus) })) : null)
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

/** A consensus value as "0,62" (Turkish) or "0.62"; null as a dash that says why. */
export function consensusText(value: number | null | undefined): string {
  return typeof value === 'number'
    ? new Intl.NumberFormat(locale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value)
    : '—';
}

/** A small consensus bar with its number; null shows "—" with the reason as a tooltip. */
export function consensusBar(value: number | null | undefined, className = 'consensus'): HTMLElement {
  const known = typeof value === 'number';
  const share = known ? Math.round(Math.max(0, Math.min(1, value)) * 100) : 0;
  const label = known ? t('consensus.valueOf', { value: consensusText(value) }) : t('consensus.none');
  return h('span', {
    class: `${className}${known ? '' : ` ${className}-none`}`, 'data-testid': 'consensus', 'data-consensus': known ? String(value) : '',
    title: known ? t('consensus.help') : t('consensus.none'), role: 'img', 'aria-label': label,
  },
    h('span', { class: `${className}-track`, 'aria-hidden': 'true' }, h('span', { class: `${className}-fill`, style: `width:${share}%` })),
    h('span', { class: `${className}-value`, 'aria-hidden': 'true' }, consensusText(value)));
}

/** The per-group support of an output or idea: one bar per qualifying group (section 10). */
export function supportChart(support: GroupSupport[] | null | undefined, className = 'support'): HTMLElement {
  const groups = support ?? [];
  if (groups.length === 0) {
    return h('p', { class: `${className}-none` }, t('consensus.none'));
  }
  return h('ul', { class: `${className}-chart`, 'data-testid': 'support', 'aria-label': t('consensus.byGroup') },
    groups.map((g) => {
      const share = Math.round(Math.max(0, Math.min(1, g.support)) * 100);
      return h('li', { class: `${className}-row`, 'data-testid': 'support-row', 'data-group': g.group },
        h('span', { class: `${className}-group` }, g.group),
        h('span', { class: `${className}-track`, 'aria-hidden': 'true' }, h('span', { class: `${className}-fill`, style: `width:${share}%` })),
        h('span', { class: `${className}-count` }, t('consensus.supporters', { s: g.supporters, n: g.voters })));
    }));
}

/** The "by votes / by consensus" switch of a ranking. */
export function rankToggle(order: RankOrder, choose: (order: RankOrder) => void, className = 'segmented'): HTMLElement {
  return h('div', { class: className, role: 'group', 'aria-label': t('rank.order'), 'data-testid': 'rank-toggle' },
    (['votes', 'consensus'] as const).map((o) => h('button', {
      type: 'button', class: 'btn btn-small', 'aria-pressed': order === o ? 'true' : 'false', 'data-key': `rank-${o}`,
      'data-testid': `rank-${o}`,
      on: { click: () => choose(o) },
    }, t(o === 'votes' ? 'rank.byVotes' : 'rank.byConsensus'))));
}
