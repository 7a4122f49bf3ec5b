// A cluster without a platform policy keeps everything the apiserver writes,
// so the apiserver's own policy records every request at Metadata level.
export const FALLBACK_POLICY = `apiVersion: audit.k8s.io/v1
kind: Policy
omitStages:
  - RequestReceived
rules:
  - level: Metadata
`;
