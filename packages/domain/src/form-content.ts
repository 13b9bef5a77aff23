import type { ContentLayer } from './content.ts';
import type { FieldConfig } from './fields.ts';
import type { EventConfig } from './forms.ts';
import type { Text } from './text.ts';

/** A text of a form with its content key: `form:<event>.<field>` (label), `.help`, `.option.<value>`, `.page.<id>`. */
export interface FormText {
  key: string;
  where: string;
  text: Text;
}

function fieldTexts(event: string, field: FieldConfig): FormText[] {
  const where = `form:${event}`;
  const key = `form:${event}.${field.id}`;
  const texts: FormText[] = [{ key, where, text: field.label }];
  if (field.helpText) texts.push({ key: `${key}.help`, where, text: field.helpText });
  if ('options' in field) {
    for (const o of field.options) texts.push({ key: `${key}.option.${o.value}`, where, text: o.label });
  }
  return texts;
}

/** Every text of the forms, keyed for the content editor. */
export function formTexts(events: readonly EventConfig[]): FormText[] {
  return events.flatMap((event) => [
    { key: `form:${event.id}.label`, where: `form:${event.id}`, text: event.label },
    ...event.pages.flatMap((page) => [
      { key: `form:${event.id}.page.${page.id}`, where: `form:${event.id}`, text: page.title },
      ...page.fields.flatMap((field) => fieldTexts(event.id, field)),
    ]),
  ]);
}

/** A text with the layer's translations of `key` added (or replacing the package's). */
function withContent(text: Text, key: string, layer: ContentLayer): Text {
  let out: Text | undefined;
  for (const [language, messages] of Object.entries(layer.messages)) {
    const value = messages[key];
    if (value === undefined) continue;
    out ??= { ...text };
    out[language] = value;
  }
  return out ?? text;
}

/** The forms with the content layer's texts in them (new languages, corrected labels). */
export function applyFormContent(events: EventConfig[], layer: ContentLayer): EventConfig[] {
  if (!Object.keys(layer.messages).length) return events;
  return events.map((event) => {
    const prefix = `form:${event.id}`;
    return {
      ...event,
      label: withContent(event.label, `${prefix}.label`, layer),
      pages: event.pages.map((page) => ({
        ...page,
        title: withContent(page.title, `${prefix}.page.${page.id}`, layer),
        fields: page.fields.map((field) => {
          const key = `${prefix}.${field.id}`;
          const changed = { ...field, label: withContent(field.label, key, layer) } as FieldConfig;
          if (field.helpText) changed.helpText = withContent(field.helpText, `${key}.help`, layer);
          if ('options' in changed && 'options' in field) {
            changed.options = field.options.map((o) => ({
              ...o,
              label: withContent(o.label, `${key}.option.${o.value}`, layer),
            }));
          }
          return changed;
        }),
      })),
    };
  });
}
