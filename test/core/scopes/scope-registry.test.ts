import {
  FEATURES,
  SCOPE_REGISTRY,
  missingFeatures,
  scopesForFeatures,
} from '../../../lambdas/core/scopes/scope-registry';

describe('scope registry', () => {
  it('asks only for the connect scopes plus those of the enabled features', () => {
    const { scopes, reasons } = scopesForFeatures(['leads']);
    expect(scopes).toEqual(
      [
        'ads_management',
        'business_management',
        'leads_retrieval',
        'pages_manage_ads',
        'pages_manage_metadata',
        'pages_read_engagement',
        'pages_show_list',
      ].sort(),
    );
    expect(scopes).not.toContain('pages_manage_posts');
    expect(scopes).not.toContain('whatsapp_business_messaging');
    expect(reasons.leads_retrieval).toEqual(['leads']);
    expect(reasons.pages_show_list).toEqual(['connect']);
  });

  it('takes the union when several features are enabled, each scope once', () => {
    const { scopes, reasons } = scopesForFeatures(['publishing', 'insights']);
    expect(new Set(scopes).size).toBe(scopes.length);
    expect(scopes).toEqual(
      expect.arrayContaining(['pages_manage_posts', 'instagram_content_publish', 'read_insights']),
    );
    expect(reasons.pages_read_engagement).toEqual(['publishing', 'insights']);
  });

  it('gives every permission a reason, the data it opens and a retention class', () => {
    for (const entry of SCOPE_REGISTRY) {
      expect(entry.why.length).toBeGreaterThan(20);
      expect(entry.dataAccessed.length).toBeGreaterThan(5);
      expect(entry.features.length).toBeGreaterThan(0);
    }
    // every feature needs at least one scope of its own, or the registry has a hole
    for (const f of FEATURES) expect(SCOPE_REGISTRY.some((e) => e.features.includes(f))).toBe(true);
  });

  it('reports which enabled features a partial grant leaves without scopes', () => {
    const granted = scopesForFeatures(['leads']).scopes;
    expect(missingFeatures(['leads'], granted)).toEqual([]);
    const partial = granted.filter((s) => s !== 'leads_retrieval');
    expect(missingFeatures(['leads', 'publishing'], partial)).toEqual([
      { feature: 'leads', missingScopes: ['leads_retrieval'] },
      {
        feature: 'publishing',
        missingScopes: ['instagram_basic', 'instagram_content_publish', 'pages_manage_posts'],
      },
    ]);
  });
});
