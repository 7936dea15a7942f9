/** The API client of the signed-in person, and the queries several pages share. */
import { createContext, useContext, useMemo, useRef, type ReactNode } from 'react';
import { useQueries, useQuery } from '@tanstack/react-query';
import { apiBase } from '../config';
import { useAuth } from '../auth/auth-context';
import { createApi, unwrap, type Api, type Schemas } from './client';

const ApiContext = createContext<Api | null>(null);

export function ApiProvider({ children }: { children: ReactNode }) {
  const auth = useAuth();
  const latest = useRef(auth);
  latest.current = auth;
  const api = useMemo(
    () =>
      createApi({
        baseUrl: apiBase(auth.config),
        token: () => latest.current.token(),
        onUnauthorized: () => latest.current.signOut('Your session ended or was refused: sign in again.'),
      }),
    [auth.config],
  );
  return <ApiContext.Provider value={api}>{children}</ApiContext.Provider>;
}

export function useApi(): Api {
  const api = useContext(ApiContext);
  if (!api) throw new Error('useApi outside ApiProvider');
  return api;
}

export type Connection = Schemas['Connection'];
export type AssetCatalog = Schemas['AssetCatalog'];

export function useConnections() {
  const api = useApi();
  return useQuery({
    queryKey: ['connections'],
    queryFn: () => unwrap(api.GET('/api/v1/connections', { params: { query: { limit: 200 } } })),
  });
}

export function usePermissions() {
  const api = useApi();
  return useQuery({
    queryKey: ['permissions'],
    queryFn: () => unwrap(api.GET('/api/v1/permissions')),
    staleTime: Infinity,
  });
}

type Kind = keyof AssetCatalog;
export type DirectoryEntry<K extends Kind> = AssetCatalog[K][number] & {
  connectionId: string;
  selected: boolean;
};
export type AssetDirectory = { [K in Kind]: DirectoryEntry<K>[] } & {
  /** a readable name for any asset id the tenant's connections know */
  name(id: string | null | undefined): string;
  loading: boolean;
};

const KINDS: Kind[] = [
  'businesses',
  'pages',
  'instagramAccounts',
  'adAccounts',
  'leadForms',
  'whatsappNumbers',
];

/** Every asset of the tenant's live connections, with whether it is selected. */
export function useAssetDirectory(): AssetDirectory {
  const api = useApi();
  const connections = useConnections();
  const live = (connections.data?.items ?? []).filter((c) => c.status !== 'revoked');
  const catalogs = useQueries({
    queries: live.map((c) => ({
      queryKey: ['assets', c.id],
      queryFn: () => unwrap(api.GET('/api/v1/connections/{id}/assets', { params: { path: { id: c.id } } })),
      staleTime: 60_000,
    })),
  });
  const directory = {} as Record<
    Kind,
    Array<{ id: string; name: string; connectionId: string; selected: boolean }>
  >;
  const names = new Map<string, string>();
  for (const kind of KINDS) directory[kind] = [];
  live.forEach((c, i) => {
    const catalog = catalogs[i]?.data;
    if (!catalog) return;
    for (const kind of KINDS) {
      const selection = (c.selection as Record<string, string[] | undefined>)[kind] ?? [];
      for (const asset of catalog[kind]) {
        if (directory[kind].some((a) => a.id === asset.id)) continue;
        directory[kind].push({ ...asset, connectionId: c.id, selected: selection.includes(asset.id) });
        names.set(asset.id, asset.name);
        if (kind === 'adAccounts') names.set(`act_${(asset as { accountId: string }).accountId}`, asset.name);
      }
    }
  });
  return {
    ...(directory as unknown as { [K in Kind]: DirectoryEntry<K>[] }),
    name: (id) => (id ? (names.get(id) ?? id) : '—'),
    loading: connections.isPending || catalogs.some((q) => q.isPending),
  };
}
