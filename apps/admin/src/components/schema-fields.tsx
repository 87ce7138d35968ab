import { Checkbox, NumberInput, PasswordInput, Select, Text, TextInput } from '@mantine/core';
import type { SchemaField } from './channel-form.model';

interface Props {
  readonly fields: readonly SchemaField[];
  readonly texts: Readonly<Record<string, string>>;
  readonly onChange: (texts: Record<string, string>) => void;
  /** The API's problem of a field, by name. */
  readonly problem: (name: string) => string | undefined;
  readonly disabled?: boolean;
}

/**
 * The inputs of a dialect's settings or credentials, as its schema describes them: the console
 * knows no dialect's options itself. Secrets are password inputs that start empty.
 */
export function SchemaFields({ fields, texts, onChange, problem, disabled }: Props) {
  if (fields.length === 0) return <Text c="dimmed">This dialect has none.</Text>;
  const set = (name: string, text: string) => onChange({ ...texts, [name]: text });
  return fields.map((field) => {
    const common = {
      label: field.label,
      placeholder: field.fallback === null ? undefined : `default: ${field.fallback}`,
      description: field.description ?? undefined,
      required: field.required,
      error: problem(field.name),
      disabled,
    };
    const text = texts[field.name] ?? '';
    switch (field.kind) {
      case 'secret':
        return <PasswordInput key={field.name} {...common} autoComplete="new-password" value={text} onChange={(e) => set(field.name, e.currentTarget.value)} />;
      case 'boolean':
        return (
          <Checkbox
            key={field.name}
            label={field.label}
            description={common.description}
            error={common.error}
            disabled={disabled}
            checked={text === '' ? field.fallback === 'true' : text === 'true'}
            onChange={(e) => set(field.name, e.currentTarget.checked ? 'true' : 'false')}
          />
        );
      case 'integer':
      case 'number':
        return (
          <NumberInput
            key={field.name}
            {...common}
            allowDecimal={field.kind === 'number'}
            // Sent as typed: a value out of range is named by the API, never changed behind the operator's back.
            clampBehavior="none"
            min={field.minimum}
            max={field.maximum}
            value={text}
            onChange={(value) => set(field.name, String(value))}
          />
        );
      case 'choice':
        return (
          <Select
            key={field.name}
            {...common}
            clearable={!field.required}
            data={[...field.choices]}
            value={text === '' ? null : text}
            onChange={(value) => set(field.name, value ?? '')}
          />
        );
      default:
        return (
          <TextInput
            key={field.name}
            {...common}
            placeholder={field.kind === 'list' ? `comma-separated${common.placeholder ? `; ${common.placeholder}` : ''}` : common.placeholder}
            value={text}
            onChange={(e) => set(field.name, e.currentTarget.value)}
          />
        );
    }
  });
}
