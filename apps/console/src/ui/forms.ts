import { h, uid, type Child } from './dom';

export interface Option {
  value: string;
  label: string;
}

/** A labelled control; the label is wired by id so clicking it and screen readers both work. */
export function field(labelText: string, control: HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement, hint?: string): HTMLElement {
  control.id ||= uid('field');
  const hintId = hint ? uid('hint') : null;
  if (hintId) control.setAttribute('aria-describedby', hintId);
  return h(
    'div',
    { class: 'field' },
    h('label', { for: control.id }, labelText),
    control,
    hint && hintId ? h('p', { class: 'hint', id: hintId }, hint) : null,
  );
}

export function select(
  name: string,
  options: Option[],
  settings: { value?: string; required?: boolean; empty?: string } = {},
): HTMLSelectElement {
  const control = h('select', { name, required: settings.required ?? false });
  if (settings.empty !== undefined) control.append(h('option', { value: '' }, settings.empty));
  for (const option of options)
    control.append(h('option', { value: option.value, selected: option.value === settings.value }, option.label));
  return control;
}

export const input = (name: string, type = 'text', extra: Record<string, string | boolean> = {}): HTMLInputElement =>
  h('input', { name, type, ...extra });

export const textarea = (name: string, extra: Record<string, string | number | boolean> = {}): HTMLTextAreaElement =>
  h('textarea', { name, rows: 3, ...extra });

/** Checkboxes (or radios) in a fieldset with a legend, as WCAG asks for a group of choices. */
export function choices(
  legend: string,
  name: string,
  options: (Option & { disabled?: boolean })[],
  settings: { checked?: string[]; type?: 'checkbox' | 'radio'; hint?: string; required?: boolean } = {},
): HTMLFieldSetElement {
  const type = settings.type ?? 'checkbox';
  return h(
    'fieldset',
    { class: 'choices' },
    h('legend', {}, legend),
    settings.hint ? h('p', { class: 'hint' }, settings.hint) : null,
    ...options.map((option) => {
      const id = uid(name);
      return h(
        'div',
        { class: 'choice' },
        h('input', {
          type,
          id,
          name,
          value: option.value,
          checked: settings.checked?.includes(option.value) ?? false,
          disabled: option.disabled ?? false,
          required: settings.required ?? false,
        }),
        h('label', { for: id }, option.label),
      );
    }),
  );
}

export function fieldset(legend: string, ...children: Child[]): HTMLFieldSetElement {
  return h('fieldset', { class: 'group' }, h('legend', {}, legend), ...children);
}

/** A form whose submit never navigates: the page URL must never carry what was typed in it. */
export function form(onSubmit: (form: HTMLFormElement) => void | Promise<void>, ...children: Child[]): HTMLFormElement {
  const element = h('form', { autocomplete: 'off' }, ...children);
  element.addEventListener('submit', (event) => {
    event.preventDefault();
    void onSubmit(element);
  });
  return element;
}

/** Disables a form's buttons while its request runs, so a second click cannot race the first. */
export async function busy<T>(form: HTMLFormElement, work: () => Promise<T>): Promise<T> {
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => {
    b.disabled = true;
  });
  form.setAttribute('aria-busy', 'true');
  try {
    return await work();
  } finally {
    buttons.forEach((b) => {
      b.disabled = false;
    });
    form.removeAttribute('aria-busy');
  }
}
