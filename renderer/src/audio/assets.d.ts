/** Vite's `?inline` asset imports: the file as a base64 `data:` URL. */
declare module '*.wav?inline' {
  const dataUrl: string;
  export default dataUrl;
}
