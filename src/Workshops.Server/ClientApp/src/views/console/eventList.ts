import { ApiError, getJson } from '../../lib/api';
import { h, replace } from '../../lib/dom';
import { formatDay, num, onLanguageChange, t } from '../../lib/i18n';
import type { Session } from '../../lib/session';
import type { EventListItem } from '../../lib/types';
import { errorText } from '../../lib/ui';

// /admin: every event, newest first, with live counts (polled: an admin watches many events,
// and GET /api/events is one call for all of them).

const REFRESH_MS = 4000;

export class EventList {
  readonly element = h('section', { class: 'console-list-page' });
  private readonly body = h('div', { class: 'console-table-wrap' });
  private readonly status = h('p', { class: 'hint', role: 'status', 'aria-live': 'polite', 'data-testid': 'list-status' });
  private events: EventListItem[] | null = null;
  private failure: string | null = null;
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly session: Session,
    private readonly onUnauthorized: () => void,
  ) {
    onLanguageChange(() => this.render());
  }

  start(): void {
    this.render();
    void this.refresh();
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async refresh(): Promise<void> {
    try {
      const reply = await getJson<{ events: EventListItem[] }>('/api/events', this.session.token);
      this.events = reply.events;
      this.failure = null;
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      if (code === 'unauthorized' || code === 'forbidden') {
        this.stop();
        this.onUnauthorized();
        return;
      }
      this.failure = errorText(code);
    }
    if (this.element.isConnected) {
      this.renderBody();
    }
  }

  private render(): void {
    replace(this.element,
      h('div', { class: 'console-head' },
        h('div', null,
          h('p', { class: 'eyebrow' }, t('console.title')),
          h('h1', null, t('console.events'))),
        h('a', { class: 'btn btn-primary', href: '/admin/new', 'data-testid': 'new-event' }, t('console.newEvent'))),
      this.status,
      this.body);
    this.renderBody();
  }

  private renderBody(): void {
    this.status.textContent = this.failure ?? '';
    const events = this.events;
    if (events === null) {
      replace(this.body, h('p', { class: 'loading' }, t('app.loading')));
      return;
    }
    if (events.length === 0) {
      replace(this.body, h('p', { class: 'empty', 'data-testid': 'no-events' }, t('console.noEvents')));
      return;
    }
    replace(this.body,
      h('table', { class: 'console-table', 'data-testid': 'event-table' },
        h('caption', { class: 'visually-hidden' }, t('console.events')),
        h('thead', null, h('tr', null,
          h('th', { scope: 'col' }, t('console.colEvent')),
          h('th', { scope: 'col' }, t('console.colDate')),
          h('th', { scope: 'col', class: 'num' }, t('mod.workshopCount')),
          h('th', { scope: 'col', class: 'num' }, t('console.colParticipants')),
          h('th', { scope: 'col', class: 'num' }, t('mod.ideas')),
          h('th', { scope: 'col', class: 'num' }, t('mod.votes')),
          h('th', { scope: 'col' }, t('console.colStatus')),
          h('th', { scope: 'col' }, t('console.colActions')))),
        h('tbody', null, events.map((e) => this.row(e)))));
  }

  private row(e: EventListItem): HTMLElement {
    const id = encodeURIComponent(e.eventId);
    const count = (value: number, testid: string): HTMLElement => h('td', { class: 'num', 'data-testid': testid }, num(value));
    return h('tr', { 'data-testid': 'event-row', 'data-event-id': e.eventId },
      h('th', { scope: 'row' },
        h('a', { href: `/m/${id}`, 'data-testid': 'event-link', 'data-key': `open-${e.eventId}` }, e.title),
        e.venue ? h('span', { class: 'console-sub' }, e.venue) : null),
      h('td', null, formatDay(e.date)),
      count(e.workshops, 'event-workshops'),
      count(e.participants, 'event-participants'),
      count(e.ideas, 'event-ideas'),
      count(e.votes, 'event-votes'),
      h('td', null, h('span', { class: `console-status console-status-${e.status}`, 'data-testid': 'event-status', 'data-status': e.status },
        t(e.status === 'closed' ? 'console.statusClosed' : 'console.statusOpen'))),
      h('td', { class: 'console-row-actions' },
        h('a', { class: 'btn btn-small', href: `/admin/${id}/edit`, 'data-key': `edit-${e.eventId}`, 'aria-label': t('console.editOf', { title: e.title }) }, t('action.edit')),
        h('a', { class: 'btn btn-small', href: `/admin/${id}/keys`, 'data-key': `keys-${e.eventId}`, 'aria-label': t('console.keysOf', { title: e.title }) }, t('console.keys'))));
  }
}
