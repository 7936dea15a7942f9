/** A labelled form control with its hint and the API's issues for that field, wired for screen readers. */
import { useId, type ReactElement, type ReactNode } from 'react';
import { FieldIssues, hasIssue } from './problem';

export interface ControlProps {
  id: string;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean;
}

export function Field(props: {
  label: ReactNode;
  /** the request field the API names in its issues (`message`, `targeting.countries`) */
  name?: string;
  hint?: ReactNode;
  error?: unknown;
  children: (control: ControlProps) => ReactElement;
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const invalid = props.name ? hasIssue(props.error, props.name) : false;
  const describedBy = [props.hint ? hintId : null, invalid ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={`field${invalid ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{props.label}</label>
      {props.children({
        id,
        ...(describedBy ? { 'aria-describedby': describedBy } : {}),
        ...(invalid ? { 'aria-invalid': true } : {}),
      })}
      {props.hint ? (
        <span className="hint" id={hintId}>
          {props.hint}
        </span>
      ) : null}
      {props.name ? <FieldIssues error={props.error} name={props.name} id={errorId} /> : null}
    </div>
  );
}

/** A group of checkboxes or radios with a legend. */
export function Choices(props: { legend: ReactNode; name?: string; error?: unknown; children: ReactNode }) {
  const id = useId();
  return (
    <fieldset className="choices">
      <legend>{props.legend}</legend>
      {props.children}
      {props.name ? <FieldIssues error={props.error} name={props.name} id={`${id}-error`} /> : null}
    </fieldset>
  );
}
