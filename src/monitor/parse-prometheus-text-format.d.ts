/** The package ships no types; this is the one call signoff uses (prom2json-shaped output, values as strings). */
declare module 'parse-prometheus-text-format' {
  export default function parsePrometheusTextFormat(text: string): unknown[];
}
