import { ApiError, deleteJson, putJson } from '../../lib/api';
import { h, replace } from '../../lib/dom';
import { t } from '../../lib/i18n';
import { modelOfSummary, programOf } from '../../lib/program';
import type { Session } from '../../lib/session';
import type { EventSummary, EventUpdated } from '../../lib/types';
import { errorText, fullMessage, toast } from '../../lib/ui';
import { confirmDeletion } from './deleteDialog';
import { ProgramForm } from './programForm';

// /admin/{eventId}/edit: the program of a running event (PROTOCOL.md section 7, PUT). Titles,
// date, venue, language and groups may change at any time and workshops be added; output areas
// change and workshops go only while every workshop is in Setup with no idea. Deleting needs
// the event's title typed.

export class EditView {
  readonly element = h('section', { class: 'console-edit' });

  constructor(
    private readonly main: HTMLElement,
    private readonly session: Session,
    private readonly summary: EventSummary,
    private readonly onSaved: (summary: EventSummary, added: { workshopId: string; title: string; key: string }[]) => void,
    private readonly onUnauthorized: () => void,
  ) {}

  start(): void {
    const s = this.summary;
    const id = encodeURIComponent(s.eventId);
    const structureLocked = s.workshops.some((w) => w.removable === false || w.phase !== 'Setup' || w.ideas > 0);
    // Settings are sent only where the server told them (they then apply to workshops still in Setup).
    const withSettings = !!s.settings;
    const form = new ProgramForm({
      mode: 'edit',
      model: modelOfSummary(s),
      withSettings,
      structureLocked,
      submitLabel: t('form.saveChanges'),
      onSubmit: async (model) => {
        try {
          const reply = await putJson<EventUpdated>(`/api/events/${id}`, programOf(model, { settings: withSettings }), this.session.token);
          const added = reply.workshops
            .filter((w) => w.facilitatorKey)
            .map((w) => ({ workshopId: w.workshopId, title: w.title, key: w.facilitatorKey! }));
          toast(t('form.saved'));
          this.onSaved(s, added);
        } catch (error) {
          this.refused(form, error);
        }
      },
    });
    replace(this.element,
      h('div', { class: 'console-head' },
        h('div', null,
          h('p', { class: 'eyebrow' }, t('console.editEvent')),
          h('h1', null, s.title)),
        h('div', { class: 'button-row' },
          h('a', { class: 'btn', href: `/m/${id}` }, t('console.toModerator')),
          h('a', { class: 'btn', href: `/admin/${id}/keys` }, t('console.keys')),
          h('a', { class: 'btn', href: `/admin/${id}/badges`, 'data-testid': 'to-badges' }, t('badges.title')),
          h('button', { type: 'button', class: 'btn', 'data-testid': 'export-program', on: { click: () => this.exportProgram() } }, t('form.export')))),
      h('p', { class: 'hint' }, t('form.editHint')),
      form.element,
      this.session.role === 'admin'
        ? h('section', { class: 'card console-danger', 'aria-labelledby': 'danger-title' },
          h('h2', { id: 'danger-title' }, t('delete.section')),
          h('p', null, t('delete.sectionText')),
          h('button', { type: 'button', class: 'btn btn-danger-quiet', 'data-testid': 'delete-event', on: { click: () => void this.delete() } }, t('delete.button')))
        : null);
  }

  /**
   * The program as the server holds it (not unsaved edits), as a file the import and the CLI read
   * back: `workshops event edit` keeps the workshops by id, a new event ignores the ids.
   */
  private exportProgram(): void {
    const program = programOf(modelOfSummary(this.summary), { settings: !!this.summary.settings });
    const url = URL.createObjectURL(new Blob([JSON.stringify(program, null, 2) + '\n'], { type: 'application/json' }));
    const link = h('a', { href: url, download: `program-${this.summary.eventId}.json`, hidden: true });
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  private refused(form: ProgramForm, error: unknown): void {
    const code = error instanceof ApiError ? error.code : 'unknown';
    if (code === 'unauthorized') {
      this.onUnauthorized();
    } else if (code === 'invalid_input' && error instanceof ApiError) {
      form.showServerError(error.message);
    } else if (code === 'wrong_phase') {
      form.showGeneralError(t('form.err.wrongPhase'));
    } else {
      form.showGeneralError(errorText(code));
    }
  }

  private async delete(): Promise<void> {
    if (!(await confirmDeletion(this.summary.title))) {
      return;
    }
    try {
      await deleteJson(`/api/events/${encodeURIComponent(this.summary.eventId)}`, this.session.token);
    } catch (error) {
      const code = error instanceof ApiError ? error.code : 'unknown';
      if (code === 'unauthorized') {
        this.onUnauthorized();
      } else {
        toast(errorText(code), 'error');
      }
      return;
    }
    fullMessage(this.main, t('delete.done'), t('delete.doneText', { title: this.summary.title }), { href: '/admin', text: t('console.backToList') });
  }
}
