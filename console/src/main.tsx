import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { loadConfig } from './config';
import './styles.css';

const root = createRoot(document.getElementById('root')!);
loadConfig().then(
  (config) =>
    root.render(
      <StrictMode>
        <App config={config} />
      </StrictMode>,
    ),
  (err: unknown) =>
    root.render(
      <main className="boot-error" role="alert">
        <h1>The console cannot start</h1>
        <p>{err instanceof Error ? err.message : String(err)}</p>
      </main>,
    ),
);
