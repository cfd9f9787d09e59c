/** The application's top-level component (the workshop UI grows here). */
export function App() {
  return (
    <main>
      <h1>Syncroscope</h1>
      <p>OSC timetags and forward synchronization, made audible.</p>
    </main>
  );
}
