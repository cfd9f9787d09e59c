/**
 * The SMPTE timecode display's place beside the transport. Until the timecode engine arrives it
 * says in place what it will show, so nobody waits for the dashes to light up; the box keeps its
 * size, so the screen does not change shape when it does.
 */

/** See the file comment. */
export function TimecodeDisplay() {
  return (
    <div className="timecode-display" data-testid="timecode-display">
      <span className="timecode-label">SMPTE</span>
      <span className="lcd" role="img" aria-label="SMPTE timecode: not available yet">
        <span aria-hidden="true">--:--:--:--</span>
      </span>
      <span className="timecode-note" data-testid="timecode-note">
        Coming: a timecode master&rsquo;s time (hh:mm:ss:ff), shared over OSC.
      </span>
    </div>
  );
}
