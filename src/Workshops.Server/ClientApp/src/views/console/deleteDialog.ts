import { h } from '../../lib/dom';
import { t } from '../../lib/i18n';

/** Asks to type the event's title before deleting it: true once typed exactly and confirmed. */
export function confirmDeletion(title: string): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const titleId = 'delete-title';
    const input = h('input', {
      id: 'delete-confirm-input', class: 'input', autocomplete: 'off', spellcheck: 'false', 'data-testid': 'delete-confirm-input',
      'aria-describedby': 'delete-confirm-hint',
      on: { input: () => { confirm.disabled = input.value.trim() !== title.trim(); } },
    });
    const confirm = h('button', {
      type: 'submit', class: 'btn btn-danger', disabled: true, 'data-testid': 'delete-confirm',
    }, t('delete.confirm'));
    const dialog = h('dialog', { class: 'dialog', 'aria-labelledby': titleId, 'data-testid': 'delete-dialog' },
      h('h2', { id: titleId, class: 'dialog-title' }, t('delete.title')),
      h('form', {
        method: 'dialog',
        on: {
          submit: (e: SubmitEvent) => {
            if (input.value.trim() !== title.trim()) {
              e.preventDefault();
              return;
            }
            answer = true;
          },
        },
      },
        h('p', null, t('delete.text')),
        h('label', { for: 'delete-confirm-input', class: 'label' }, t('delete.typeTitle')),
        h('p', { id: 'delete-confirm-hint', class: 'hint console-quote' }, title),
        input,
        h('div', { class: 'dialog-actions' },
          h('button', { type: 'button', class: 'btn', on: { click: () => dialog.close() } }, t('action.cancel')),
          confirm)));
    document.body.appendChild(dialog);
    dialog.addEventListener('close', () => { dialog.remove(); resolve(answer); });
    dialog.showModal();
    input.focus();
  });
}
