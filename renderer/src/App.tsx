/**
 * The one screen, in two columns that fold to one: the instrument (transport, timing, messages
 * in and out) and the setup beside it (presets, audio, listen, targets, clock sync).
 */
import { useApp } from './app-context';
import { useTransportKey } from './lib/transport-key';
import { AudioPanel } from './panels/AudioPanel';
import { ComposerPanel } from './panels/ComposerPanel';
import { MessageLog } from './panels/MessageLog';
import { PresetList } from './panels/PresetList';
import { ReceiverPanel } from './panels/ReceiverPanel';
import { StatusBar } from './panels/StatusBar';
import { TargetsPanel } from './panels/TargetsPanel';
import { TimecodePanel } from './panels/TimecodePanel';
import { TimingPanel } from './panels/TimingPanel';
import { TransportPanel } from './panels/TransportPanel';

/** The application's layout. */
export function App() {
  useTransportKey(useApp((s) => s.toggleMetronome));
  return (
    <div className="app">
      <StatusBar />
      <main className="workspace">
        <div className="column-main">
          <TransportPanel />
          <TimingPanel />
          <MessageLog />
          <ComposerPanel />
        </div>
        <div className="column-side">
          <PresetList />
          <AudioPanel />
          <ReceiverPanel />
          <TargetsPanel />
          <TimecodePanel />
        </div>
      </main>
    </div>
  );
}
