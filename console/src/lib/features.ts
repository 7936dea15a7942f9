/** How the console names the service's features (the API's `features`, from the scope registry). */
export const FEATURE_LABELS: Record<string, { label: string; does: string }> = {
  connect: { label: 'Every connection', does: 'list and pick the assets the service may act on' },
  leads: { label: 'Lead Ads', does: 'receive every lead of the selected forms in the CRM' },
  publishing: { label: 'Publishing', does: 'publish approved posts to Pages and Instagram' },
  inbox: { label: 'Inbox', does: 'answer comments and messages, after approval' },
  whatsapp: { label: 'WhatsApp', does: 'answer WhatsApp messages, after approval' },
  ads: { label: 'Ads', does: 'draft, approve, launch and pause campaigns' },
  insights: { label: 'Insights', does: 'daily counters of Pages, Instagram and campaigns' },
};

export const featureLabel = (f: string): string => FEATURE_LABELS[f]?.label ?? f;
