import { h, replace } from '../../lib/dom';
import { type Key, num, t } from '../../lib/i18n';
import { type Field, fieldOfMessage, guessRow, modelOf, type ProgramModel } from '../../lib/program';

// The event program form of the console: create (every field) and edit (settings only where
// the server returned them; they apply to workshops still in Setup, the others change theirs on
// the facilitator view). Nothing is checked in the browser: the server judges the program, and
// its invalid_input message is shown, in the page's language, beside the field it concerns.

export interface ProgramFormOptions {
  mode: 'create' | 'edit';
  model: ProgramModel;
  /** Edit: output areas may change and workshops be removed only while every one is in Setup with no idea. */
  structureLocked?: boolean;
  /** Edit: show the settings (only when the server returned them). */
  withSettings?: boolean;
  submitLabel: string;
  onSubmit: (model: ProgramModel) => Promise<void>;
}

const MAX_AREAS = 5;
const MAX_WORKSHOPS = 100;
const MAX_NAME = 200;

/** The localized explanation of each field's rule, shown when the server refused it. */
const FIELD_ERRORS: Record<Field, Key> = {
  title: 'form.err.title',
  date: 'form.err.date',
  venue: 'form.err.venue',
  language: 'form.err.language',
  outputAreas: 'form.err.outputAreas',
  workshops: 'form.err.workshops',
  stakeholderGroups: 'form.err.stakeholderGroups',
  votesPerBoard: 'form.err.votesPerBoard',
  maxVotesPerIdea: 'form.err.maxVotesPerIdea',
  maxIdeaLength: 'form.err.maxIdeaLength',
  joinWith: 'form.err.joinWith',
  'privacy.controller': 'form.err.privacyController',
  'privacy.contact': 'form.err.privacyContact',
  'privacy.purpose': 'form.err.privacyPurpose',
  'privacy.retentionDays': 'form.err.privacyRetention',
};

/** The element id of the control a field's error is tied to. */
const FIELD_IDS: Record<Field, string> = {
  title: 'f-title',
  date: 'f-date',
  venue: 'f-venue',
  language: 'f-language',
  outputAreas: 'f-areas',
  workshops: 'f-workshops',
  stakeholderGroups: 'f-groups',
  votesPerBoard: 'f-votesPerBoard',
  maxVotesPerIdea: 'f-maxVotesPerIdea',
  maxIdeaLength: 'f-maxIdeaLength',
  joinWith: 'f-joinWith',
  'privacy.controller': 'f-privacy-controller',
  'privacy.contact': 'f-privacy-contact',
  'privacy.purpose': 'f-privacy-purpose',
  'privacy.retentionDays': 'f-privacy-retentionDays',
};

export class ProgramForm {
  readonly element: HTMLFormElement;
  private model: ProgramModel;
  private busy = false;
  private error: { field: Field | null; index?: number; text: string } | null = null;
  private importNote: { ok: boolean; text: string } | null = null;

  constructor(private readonly options: ProgramFormOptions) {
    this.model = options.model;
    this.element = h('form', {
      class: 'console-form', 'data-testid': 'program-form', novalidate: true,
      on: { submit: (e: SubmitEvent) => { e.preventDefault(); void this.submit(); } },
    });
    this.render();
  }

  render(focusId?: string): void {
    const m = this.model;
    const create = this.options.mode === 'create';
    replace(this.element,
      this.errorSummary(),
      create ? this.importPanel() : null,
      h('fieldset', { class: 'console-fieldset' },
        h('legend', null, t('form.event')),
        this.text('title', t('form.title'), m.title, (v) => { m.title = v; }, { required: true, maxLength: MAX_NAME }),
        h('div', { class: 'console-row' },
          this.text('date', t('form.date'), m.date, (v) => { m.date = v; }, { type: 'date', optional: true }),
          this.text('venue', t('form.venue'), m.venue, (v) => { m.venue = v; }, { optional: true, maxLength: MAX_NAME }),
          this.language())),
      this.areas(),
      this.workshops(),
      this.groups(),
      create || this.options.withSettings ? this.settings() : null,
      this.privacy(),
      h('div', { class: 'console-actions' },
        h('button', { type: 'submit', class: 'btn btn-primary', disabled: this.busy, 'data-testid': 'submit-program' },
          this.busy ? t('form.saving') : this.options.submitLabel)));
    const target = focusId ? this.element.querySelector<HTMLElement>(`#${CSS.escape(focusId)}`) : null;
    target?.focus();
  }

  /** Shows a refusal of the server (invalid_input) beside its field; true when it could be placed. */
  showServerError(message: string): boolean {
    const found = fieldOfMessage(message);
    if (!found) {
      this.error = { field: null, text: `${t('form.err.general')} (${message})` };
      this.render('form-error');
      return false;
    }
    let index = found.index;
    if (index === undefined && found.field === 'workshops') {
      index = guessRow(this.model.workshops.map((w) => w.title), MAX_NAME);
    } else if (index === undefined && found.field === 'outputAreas') {
      index = guessRow(this.model.outputAreas, 80);
    }
    this.error = { field: found.field, ...(index !== undefined ? { index } : {}), text: t(FIELD_ERRORS[found.field]) };
    this.render(this.controlId(found.field, index));
    return true;
  }

  showGeneralError(text: string): void {
    this.error = { field: null, text };
    this.render('form-error');
  }

  private controlId(field: Field, index?: number): string {
    if (field === 'workshops' && index !== undefined && index < this.model.workshops.length) {
      return `f-workshop-${index}`;
    }
    if (field === 'outputAreas') {
      return `f-area-${index !== undefined && index < this.model.outputAreas.length ? index : 0}`;
    }
    if (field === 'workshops') {
      return 'f-workshop-0';
    }
    if (field === 'joinWith') {
      return 'f-joinWith-code';
    }
    return FIELD_IDS[field];
  }

  private async submit(): Promise<void> {
    if (this.busy) {
      return;
    }
    this.busy = true;
    this.markBusy();
    try {
      await this.options.onSubmit(this.model);
    } finally {
      this.busy = false;
      // The form may have been drawn again meanwhile (an error shown): mark the button it has now.
      this.markBusy();
    }
  }

  private markBusy(): void {
    const button = this.element.querySelector<HTMLButtonElement>('[data-testid=submit-program]');
    if (button) {
      button.disabled = this.busy;
      button.textContent = this.busy ? t('form.saving') : this.options.submitLabel;
    }
  }

  // ---- pieces ----

  private errorSummary(): HTMLElement | null {
    if (!this.error) {
      return null;
    }
    const where = this.error.field ? this.controlId(this.error.field, this.error.index) : null;
    return h('div', { id: 'form-error', class: 'error console-error-summary', role: 'alert', tabindex: -1, 'data-testid': 'form-error' },
      h('p', null, this.error.field ? t('form.err.summary') : this.error.text),
      where ? h('a', { href: `#${where}` }, this.error.text) : null);
  }

  /** aria-describedby and the error paragraph of a field, when the error concerns it. */
  private errorOf(field: Field, index?: number): { id: string; element: HTMLElement } | null {
    if (!this.error || this.error.field !== field) {
      return null;
    }
    if (index !== undefined && this.error.index !== undefined && this.error.index !== index) {
      return null;
    }
    if (index !== undefined && this.error.index === undefined) {
      return null;
    }
    const id = `${index !== undefined ? `${FIELD_IDS[field]}-${index}` : FIELD_IDS[field]}-error`;
    return { id, element: h('p', { id, class: 'field-error', 'data-testid': 'field-error', 'data-field': field }, this.error.text) };
  }

  private text(
    field: 'title' | 'date' | 'venue',
    label: string,
    value: string,
    set: (value: string) => void,
    options: { type?: string; required?: boolean; optional?: boolean; maxLength?: number },
  ): HTMLElement {
    const id = FIELD_IDS[field];
    const error = this.errorOf(field);
    return h('div', { class: 'console-field' },
      h('label', { for: id, class: 'label' }, label, options.optional ? [' ', h('span', { class: 'optional' }, t('join.optional'))] : null),
      h('input', {
        id, name: field, class: 'input', type: options.type ?? 'text', value,
        'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error?.id, 'aria-required': options.required ? 'true' : null,
        on: { input: (e: Event) => set((e.target as HTMLInputElement).value) },
      }),
      error?.element);
  }

  private language(): HTMLElement {
    const error = this.errorOf('language');
    return h('div', { class: 'console-field' },
      h('label', { for: 'f-language', class: 'label' }, t('form.language')),
      h('select', {
        id: 'f-language', name: 'language', class: 'input', 'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error?.id,
        on: { change: (e: Event) => { this.model.language = (e.target as HTMLSelectElement).value; } },
      },
        h('option', { value: 'tr', selected: this.model.language === 'tr' }, 'Türkçe'),
        h('option', { value: 'en', selected: this.model.language === 'en' }, 'English')),
      error?.element);
  }

  private areas(): HTMLElement {
    const m = this.model;
    const locked = this.options.structureLocked === true;
    const error = this.errorOf('outputAreas');
    const rows = m.outputAreas.map((area, i) => {
      const id = `f-area-${i}`;
      const invalid = error !== null && i === (this.error?.index ?? 0);
      const describedBy = [locked ? 'f-areas-locked' : null, invalid ? error.id : null].filter(Boolean).join(' ') || null;
      return h('li', { class: 'console-list-row' },
        h('label', { for: id, class: 'visually-hidden' }, t('form.areaN', { n: i + 1 })),
        h('input', {
          id, class: 'input', value: area, disabled: locked, 'data-testid': 'area-input', 'data-key': id,
          'aria-invalid': invalid ? 'true' : 'false',
          'aria-describedby': describedBy,
          on: { input: (e: Event) => { m.outputAreas[i] = (e.target as HTMLInputElement).value; } },
        }),
        h('button', {
          type: 'button', class: 'btn btn-small btn-quiet', disabled: locked || m.outputAreas.length <= 1,
          'aria-label': t('form.removeAreaN', { n: i + 1 }),
          on: { click: () => { m.outputAreas.splice(i, 1); this.render(`f-area-${Math.max(0, i - 1)}`); } },
        }, t('form.remove')));
    });
    return h('fieldset', { class: 'console-fieldset', id: 'f-areas', tabindex: -1 },
      h('legend', null, t('form.outputAreas')),
      h('p', { class: 'hint', id: 'f-areas-hint' }, t('form.outputAreasHint', { max: MAX_AREAS })),
      locked ? h('p', { class: 'hint', id: 'f-areas-locked' }, t('form.structureLocked')) : null,
      h('ol', { class: 'console-list' }, rows),
      error?.element,
      h('button', {
        type: 'button', class: 'btn btn-small', disabled: locked || m.outputAreas.length >= MAX_AREAS, 'data-testid': 'add-area',
        on: { click: () => { m.outputAreas.push(''); this.render(`f-area-${m.outputAreas.length - 1}`); } },
      }, t('form.addArea')));
  }

  private workshops(): HTMLElement {
    const m = this.model;
    const structureLocked = this.options.structureLocked === true;
    const listError = this.errorOf('workshops');
    const rows = m.workshops.map((workshop, i) => {
      const id = `f-workshop-${i}`;
      // A message about the list as a whole is tied to the first row, where the focus goes.
      const rowError = this.errorOf('workshops', i) ?? (i === 0 && listError && this.error?.index === undefined ? listError : null);
      const removable = m.workshops.length > 1 && (!workshop.workshopId || (!structureLocked && !workshop.locked));
      return h('li', { class: 'console-list-row', 'data-testid': 'workshop-row' },
        h('label', { for: id, class: 'visually-hidden' }, t('form.workshopN', { n: i + 1 })),
        h('input', {
          id, class: 'input', value: workshop.title, 'data-testid': 'workshop-input', 'data-key': id,
          'aria-invalid': rowError ? 'true' : 'false', 'aria-describedby': rowError?.id,
          on: { input: (e: Event) => { workshop.title = (e.target as HTMLInputElement).value; } },
        }),
        h('button', {
          type: 'button', class: 'btn btn-small btn-quiet', disabled: !removable, 'data-testid': 'remove-workshop',
          'aria-label': t('form.removeWorkshopN', { n: i + 1 }),
          on: { click: () => { m.workshops.splice(i, 1); this.render(`f-workshop-${Math.max(0, i - 1)}`); } },
        }, t('form.remove')),
        rowError && rowError !== listError ? rowError.element : null);
    });
    const paste = h('textarea', { id: 'f-paste', class: 'input', rows: 5, 'data-testid': 'paste-workshops', 'aria-describedby': 'f-paste-hint' });
    return h('fieldset', { class: 'console-fieldset', id: 'f-workshops', tabindex: -1 },
      h('legend', null, t('form.workshops')),
      h('p', { class: 'hint' }, t('form.workshopsHint', { max: MAX_WORKSHOPS })),
      structureLocked ? h('p', { class: 'hint' }, t('form.workshopsLocked')) : null,
      h('ol', { class: 'console-list' }, rows),
      listError && this.error?.index === undefined ? listError.element : null,
      h('div', { class: 'button-row' },
        h('button', {
          type: 'button', class: 'btn btn-small', disabled: m.workshops.length >= MAX_WORKSHOPS, 'data-testid': 'add-workshop',
          on: { click: () => { m.workshops.push({ title: '' }); this.render(`f-workshop-${m.workshops.length - 1}`); } },
        }, t('form.addWorkshop'))),
      h('details', { class: 'console-paste' },
        h('summary', null, t('form.pasteTitle')),
        h('label', { for: 'f-paste', class: 'label' }, t('form.pasteLabel')),
        paste,
        h('p', { class: 'hint', id: 'f-paste-hint' }, t('form.pasteHint')),
        h('button', {
          type: 'button', class: 'btn btn-small', 'data-testid': 'use-pasted',
          on: {
            click: () => {
              const titles = paste.value.split('\n').map((line) => line.trim()).filter((line) => line.length > 0);
              if (titles.length === 0) {
                return;
              }
              // Blank new rows give way to the pasted titles; existing workshops stay.
              const kept = m.workshops.filter((w) => w.workshopId || w.title.trim().length > 0);
              m.workshops = [...kept, ...titles.map((title) => ({ title }))].slice(0, MAX_WORKSHOPS);
              this.render(`f-workshop-${kept.length}`);
            },
          },
        }, t('form.pasteUse'))));
  }

  private groups(): HTMLElement {
    const error = this.errorOf('stakeholderGroups');
    return h('fieldset', { class: 'console-fieldset' },
      h('legend', null, t('form.groups')),
      h('label', { for: 'f-groups', class: 'label' }, t('form.groupsLabel')),
      h('textarea', {
        id: 'f-groups', class: 'input', rows: 7, value: this.model.stakeholderGroups,
        'aria-invalid': error ? 'true' : 'false', 'aria-describedby': ['f-groups-hint', error?.id].filter(Boolean).join(' '),
        on: { input: (e: Event) => { this.model.stakeholderGroups = (e.target as HTMLTextAreaElement).value; } },
      }),
      h('p', { class: 'hint', id: 'f-groups-hint' }, t('form.groupsHint')),
      error?.element);
  }

  private settings(): HTMLElement {
    const s = this.model.settings;
    const number = (field: 'votesPerBoard' | 'maxVotesPerIdea' | 'maxIdeaLength', label: Key, min: number, max: number): HTMLElement => {
      const id = FIELD_IDS[field];
      const error = this.errorOf(field);
      return h('div', { class: 'console-field' },
        h('label', { for: id, class: 'label' }, t(label)),
        h('input', {
          id, class: 'input input-narrow', type: 'number', inputmode: 'numeric', min, max, value: s[field],
          'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error?.id,
          on: { input: (e: Event) => { s[field] = (e.target as HTMLInputElement).value; } },
        }),
        error?.element);
    };
    const check = (field: 'anonymousIdeas' | 'liveResults', label: Key): HTMLElement => h('label', { class: 'check' },
      h('input', { type: 'checkbox', id: `f-${field}`, checked: s[field], on: { change: (e: Event) => { s[field] = (e.target as HTMLInputElement).checked; } } }),
      t(label));
    const joinError = this.errorOf('joinWith');
    const radio = (value: 'code' | 'badge', label: Key): HTMLElement => h('label', { class: 'check' },
      h('input', {
        type: 'radio', name: 'joinWith', id: `f-joinWith-${value}`, value, checked: s.joinWith === value,
        'aria-describedby': value === 'badge' ? [joinError?.id, 'f-joinWith-hint'].filter((id) => id !== undefined).join(' ') : joinError?.id,
        on: { change: () => { s.joinWith = value; } },
      }),
      t(label));
    return h('fieldset', { class: 'console-fieldset' },
      h('legend', null, t('settings.title')),
      h('div', { class: 'console-row' },
        number('votesPerBoard', 'settings.votesPerBoard', 1, 100),
        number('maxVotesPerIdea', 'settings.maxVotesPerIdea', 1, 100),
        number('maxIdeaLength', 'settings.maxIdeaLength', 10, 2000)),
      check('anonymousIdeas', 'settings.anonymousIdeas'),
      check('liveResults', 'settings.liveResults'),
      h('fieldset', { class: 'console-subfieldset', id: 'f-joinWith' },
        h('legend', { class: 'label' }, t('form.joinWith')),
        radio('code', 'form.joinWithCode'),
        radio('badge', 'form.joinWithBadge'),
        // Said plainly: a badge event refuses the shared code, so badges must be made first.
        h('p', { class: 'hint', id: 'f-joinWith-hint' }, t('form.joinWithBadgeHint')),
        joinError?.element));
  }

  private privacy(): HTMLElement {
    const p = this.model.privacy;
    const field = (name: 'controller' | 'contact' | 'purpose' | 'retentionDays', label: Key, optional: boolean): HTMLElement => {
      const key = `privacy.${name}` as Field;
      const id = FIELD_IDS[key];
      const error = this.errorOf(key);
      const common = {
        id, class: name === 'retentionDays' ? 'input input-narrow' : 'input', value: p[name],
        'aria-invalid': error ? 'true' : 'false', 'aria-describedby': error?.id,
        on: { input: (e: Event) => { p[name] = (e.target as HTMLInputElement).value; } },
      };
      return h('div', { class: 'console-field' },
        h('label', { for: id, class: 'label' }, t(label), optional ? [' ', h('span', { class: 'optional' }, t('join.optional'))] : null),
        name === 'purpose'
          ? h('textarea', { ...common, rows: 2 })
          : h('input', { ...common, type: name === 'retentionDays' ? 'number' : 'text', ...(name === 'retentionDays' ? { min: 0, max: 3650, inputmode: 'numeric' } : {}) }),
        error?.element);
    };
    return h('fieldset', { class: 'console-fieldset' },
      h('legend', null, t('form.privacy')),
      h('p', { class: 'hint' }, t('form.privacyHint')),
      h('div', { class: 'console-row' },
        field('controller', 'form.privacyController', false),
        field('contact', 'form.privacyContact', false)),
      field('purpose', 'form.privacyPurpose', true),
      field('retentionDays', 'form.privacyRetention', true));
  }

  private importPanel(): HTMLElement {
    const input = h('input', {
      id: 'f-import', type: 'file', class: 'input input-file', accept: 'application/json,.json', 'data-testid': 'import-program',
      'aria-describedby': this.importNote ? 'f-import-note' : 'f-import-hint',
      on: { change: () => void this.importFile(input) },
    });
    return h('div', { class: 'console-import' },
      h('label', { for: 'f-import', class: 'label' }, t('form.import')),
      input,
      h('p', { class: 'hint', id: 'f-import-hint' }, t('form.importHint')),
      this.importNote
        ? h('p', { id: 'f-import-note', class: this.importNote.ok ? 'console-note' : 'field-error', role: 'status', 'data-testid': 'import-note' }, this.importNote.text)
        : null);
  }

  private async importFile(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    if (!file) {
      return;
    }
    try {
      const parsed = JSON.parse(await file.text()) as unknown;
      if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new Error('not an object');
      }
      this.model = modelOf(parsed as never);
      this.importNote = { ok: true, text: t('form.imported', { name: file.name, n: num(this.model.workshops.length) }) };
    } catch {
      this.importNote = { ok: false, text: t('form.importFailed', { name: file.name }) };
    }
    this.error = null;
    this.render('f-import');
  }
}
