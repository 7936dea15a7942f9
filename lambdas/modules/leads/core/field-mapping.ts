/**
 * Meta form answers → CRM fields. The tenant's mapping for a form wins; Meta's standard question keys
 * map to the usual CRM names by default; everything else is kept as a custom field, never dropped.
 */
export type FieldMapping = Record<string, string>;

export const STANDARD_FIELD_MAPPING: FieldMapping = {
  full_name: 'fullName',
  first_name: 'firstName',
  last_name: 'lastName',
  email: 'email',
  work_email: 'workEmail',
  phone_number: 'phone',
  work_phone_number: 'workPhone',
  city: 'city',
  state: 'state',
  province: 'province',
  country: 'country',
  zip_code: 'postalCode',
  post_code: 'postalCode',
  street_address: 'street',
  company_name: 'company',
  job_title: 'jobTitle',
  date_of_birth: 'dateOfBirth',
  gender: 'gender',
};

export interface MetaFieldAnswer {
  name: string;
  values: string[];
}

export interface MappedFields {
  fields: Record<string, string>;
  customFields: Record<string, string>;
}

export function applyMapping(
  answers: MetaFieldAnswer[],
  formMapping: FieldMapping | undefined,
): MappedFields {
  const fields: Record<string, string> = {};
  const customFields: Record<string, string> = {};
  for (const a of answers) {
    // multiple-choice questions answer with several values
    const value = a.values.join(', ');
    const target = formMapping?.[a.name] ?? STANDARD_FIELD_MAPPING[a.name];
    if (target) fields[target] = value;
    else customFields[a.name] = value;
  }
  return { fields, customFields };
}
