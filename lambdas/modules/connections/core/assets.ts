/**
 * What the catalog and the selection allow: an id Meta did not show cannot be selected, and a form or an
 * Instagram account brings its Page (the shapes are contracts/assets.ts).
 */
import { ASSET_KINDS, type AssetCatalog, type AssetKind, type AssetSelection } from '../contracts/assets';

export {
  ASSET_KINDS,
  type AssetCatalog,
  type AssetItem,
  type AssetKind,
  type AssetSelection,
} from '../contracts/assets';

/** An empty list for each kind of asset: what an empty selection and an empty catalog both are. */
const emptyByKind = () =>
  Object.fromEntries(ASSET_KINDS.map((kind) => [kind, []])) as Record<AssetKind, never[]>;

export const emptySelection = (): AssetSelection => emptyByKind();

export const emptyCatalog = (): AssetCatalog => emptyByKind();

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
