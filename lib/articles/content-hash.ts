import { canonicalJson, sha256Hex } from "@/lib/hash";

export { canonicalJson, sha256Hex };

/** The hash an approval is bound to: everything that gets published, canonicalised. */
export function contentHash(content: unknown): string {
  return sha256Hex(canonicalJson(content));
}
