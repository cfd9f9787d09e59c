import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { connectBridge } from './bridge';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
const bridge = connectBridge();
createRoot(root).render(
  <StrictMode>
    <App bridge={bridge} />
  </StrictMode>,
);
