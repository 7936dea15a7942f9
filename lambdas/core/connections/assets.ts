/**
 * The assets a connection can see (the catalog) and the subset the tenant lets the service act on (the
 * selection). The catalog is rebuilt from Meta; the selection is the tenant's decision.
 */
export interface AssetItem {
  id: string;
  name: string;
}

export interface AssetCatalog {
  businesses: AssetItem[];
  pages: Array<
    AssetItem & { businessId: string | null; category: string | null; instagramAccountId: string | null }
  >;
  instagramAccounts: Array<AssetItem & { pageId: string; username: string | null }>;
  adAccounts: Array<AssetItem & { businessId: string | null; currency: string | null; accountId: string }>;
  leadForms: Array<AssetItem & { pageId: string; status: string | null }>;
  whatsappNumbers: Array<
    AssetItem & { businessId: string | null; wabaId: string; displayPhoneNumber: string | null }
  >;
}

export const ASSET_KINDS = [
  'businesses',
  'pages',
  'instagramAccounts',
  'adAccounts',
  'leadForms',
  'whatsappNumbers',
] as const;
export type AssetKind = (typeof ASSET_KINDS)[number];

export type AssetSelection = Record<AssetKind, string[]>;

export const emptySelection = (): AssetSelection => ({
  businesses: [],
  pages: [],
  instagramAccounts: [],
  adAccounts: [],
  leadForms: [],
  whatsappNumbers: [],
});

export const emptyCatalog = (): AssetCatalog => ({
  businesses: [],
  pages: [],
  instagramAccounts: [],
  adAccounts: [],
  leadForms: [],
  whatsappNumbers: [],
});

export interface SelectionIssue {
  field: string;
  message: string;
}

/** Ids that are not in the catalog cannot be selected: the service acts only on what Meta showed. */
export function unknownSelections(catalog: AssetCatalog, wanted: Partial<AssetSelection>): SelectionIssue[] {
  const issues: SelectionIssue[] = [];
  for (const kind of ASSET_KINDS) {
    const known = new Set(catalog[kind].map((a) => a.id));
    (wanted[kind] ?? []).forEach((id, i) => {
      if (!known.has(id))
        issues.push({ field: `body.${kind}.${i}`, message: `${id} is not one of this connection's ${kind}` });
    });
  }
  return issues;
}

export interface SelectionDiff {
  addedPages: string[];
  removedPages: string[];
}

export function diffPages(previous: AssetSelection, next: AssetSelection): SelectionDiff {
  const before = new Set(previous.pages);
  const after = new Set(next.pages);
  return {
    addedPages: next.pages.filter((p) => !before.has(p)),
    removedPages: previous.pages.filter((p) => !after.has(p)),
  };
}

/**
 * A lead form or Instagram account is usable only through its Page, so selecting one selects its Page for
 * webhook purposes; the reverse is not implied.
 */
export function normalizeSelection(catalog: AssetCatalog, wanted: Partial<AssetSelection>): AssetSelection {
  const out = emptySelection();
  for (const kind of ASSET_KINDS) out[kind] = [...new Set(wanted[kind] ?? [])];
  const pages = new Set(out.pages);
  for (const formId of out.leadForms) {
    const form = catalog.leadForms.find((f) => f.id === formId);
    if (form) pages.add(form.pageId);
  }
  for (const igId of out.instagramAccounts) {
    const ig = catalog.instagramAccounts.find((a) => a.id === igId);
    if (ig) pages.add(ig.pageId);
  }
  out.pages = [...pages];
  return out;
}
