/** Budgets are in the ad account's minor units; people type them in the currency's major units. */
export function minorDigits(currency: string | null | undefined): number {
  try {
    return (
      new Intl.NumberFormat('en', { style: 'currency', currency: currency ?? 'EUR' }).resolvedOptions()
        .maximumFractionDigits ?? 2
    );
  } catch {
    return 2;
  }
}

export const toMinor = (major: number, currency: string | null | undefined): number =>
  Math.round(major * 10 ** minorDigits(currency));

export function formatMinor(minor: number | null | undefined, currency: string | null | undefined): string {
  if (minor === null || minor === undefined) return '—';
  const c = currency ?? 'EUR';
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: c }).format(
      minor / 10 ** minorDigits(c),
    );
  } catch {
    return `${minor} (minor units)`;
  }
}

/** Meta reports spend in major units */
export function formatMajor(major: number, currency: string | null | undefined): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency: currency ?? 'EUR' }).format(major);
  } catch {
    return major.toFixed(2);
  }
}
