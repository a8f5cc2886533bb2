/**
 * Schemas are built on first use, not at import: a k6 VU that verifies two
 * calls then builds two schemas (each VU builds its own copy; ~1 MB per VU for
 * the envelope alone, ~4 MB when every schema is built eagerly).
 */
export function once<T>(build: () => T): () => T {
  let value: T | undefined;
  let built = false;
  return () => {
    if (!built) {
      value = build();
      built = true;
    }
    return value as T;
  };
}
