/**
 * The SMPTE timecode display's place beside the transport (the timecode engine arrives later):
 * dark until then, so the screen does not change shape when it lights up.
 */

/** See the file comment. */
export function TimecodeDisplay() {
  return (
    <div className="timecode-display" data-testid="timecode-display">
      <span className="timecode-label">SMPTE</span>
      <span className="lcd" role="img" aria-label="SMPTE timecode: not available yet">
        <span aria-hidden="true">--:--:--:--</span>
      </span>
    </div>
  );
}
