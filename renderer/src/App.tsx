/**
 * The one screen, in two columns that fold to one: the instrument (transport, the SMPTE
 * timecode, timing, messages in and out) and the setup beside it (presets, audio, listen,
 * targets, clock sync and peers). The presets come first in the document, so they are the first
 * stop of the keyboard as they are the first step of a participant; the grid still places them
 * at the top of the right-hand column.
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
import { PeersPanel } from './peers/PeersPanel';
import { TransportPanel } from './panels/TransportPanel';

/** The application's layout. */
export function App() {
  useTransportKey(useApp((s) => s.toggleMetronome));
  return (
    <div className="app">
      <StatusBar />
      <main className="workspace">
        <PresetList />
        <div className="column-main">
          <TransportPanel />
          <TimecodePanel />
          <TimingPanel />
          <MessageLog />
          <ComposerPanel />
        </div>
        <div className="column-side">
          <AudioPanel />
          <ReceiverPanel />
          <TargetsPanel />
          <PeersPanel />
        </div>
      </main>
    </div>
  );
}
