import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // The default, spelled out: `next build` type-checks, and this example exists to prove that
  // yinyom's published types (including `yinyom/jsx`) pass that check.
  typescript: { ignoreBuildErrors: false },
};

export default nextConfig;
