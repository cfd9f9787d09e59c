/** The audio player's controls (renderer/src/audio) in a panel of the side column. */
import { AudioControls } from '../audio/AudioControls';
import { useServices } from '../app-context';

/** See the file comment. */
export function AudioPanel() {
  const { bridge, clock } = useServices();
  return (
    <div className="panel audio-panel">
      <AudioControls bridge={bridge} clock={clock} />
    </div>
  );
}
