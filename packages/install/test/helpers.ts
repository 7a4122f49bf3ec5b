import assert from 'node:assert/strict';
import { DaemonSet } from 'kubernetes-models/apps/v1';
import { Namespace, Secret, ServiceAccount } from 'kubernetes-models/v1';
import { parseAllDocuments, visit } from 'yaml';
import { PRESETS } from '@kubetrail/policy';
import { DEFAULT_AGENT_IMAGE, installFiles, type InstallFile, type InstallFileId, type InstallTarget } from '../src/index';

export const CLUSTER_TYPES = ['managed', 'dedicated', 'serverless', 'registered'] as const;

export const TOKEN = 'kt_Zm9vYmFyLWJhei1xdXV4LTAxMjM0NTY3ODk-_abc';

export function target(overrides: Partial<InstallTarget> = {}): InstallTarget {
  return {
    clusterId: 'c-abcdefghij23',
    clusterName: 'prod-eu',
    clusterType: 'dedicated',
    serverUrl: 'http://kubetrail.example:4000',
    token: TOKEN,
    agentImage: DEFAULT_AGENT_IMAGE,
    policyYaml: PRESETS.ack,
    ...overrides,
  };
}

export function file(files: InstallFile[], id: InstallFileId): InstallFile {
  const found = files.find((f) => f.id === id);
  assert.ok(found, `no ${id} file`);
  return found;
}

export const fileOf = (id: InstallFileId, overrides: Partial<InstallTarget> = {}): InstallFile => file(installFiles(target(overrides)), id);

/**
 * Every document of a YAML stream as plain data; fails on any error, warning or alias, and unless YAML 1.1
 * (how Go's parsers in kubectl, kube-apiserver and Compose read) and YAML 1.2 read the same values.
 */
export function yamlDocs(text: string): unknown[] {
  const [v11, v12] = (['1.1', '1.2'] as const).map((version) =>
    parseAllDocuments(text, { uniqueKeys: true, version }).map((doc) => {
      assert.deepEqual(doc.errors, [], `YAML ${version} errors`);
      assert.deepEqual(doc.warnings, [], `YAML ${version} warnings`);
      visit(doc, { Alias: () => assert.fail('anchors and aliases: people copy parts of these files') });
      return doc.toJS() as unknown;
    }),
  );
  assert.deepEqual(v11, v12, 'reads differently as YAML 1.1 and 1.2');
  return v12!;
}

/** A single-document YAML file as plain data (see `yamlDocs`). */
export function yamlDoc(text: string): Record<string, unknown> {
  const docs = yamlDocs(text);
  assert.equal(docs.length, 1, 'one document');
  return docs[0] as Record<string, unknown>;
}

export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string> };
};

/** The manifest's objects, each validated against the Kubernetes OpenAPI schema (throws on a violation). */
export function manifestObjects(text: string): K8sObject[] {
  const objects = yamlDocs(text) as K8sObject[];
  for (const obj of objects) {
    const model = MODELS[`${obj.apiVersion}/${obj.kind}`];
    assert.ok(model, `unexpected object ${obj.apiVersion} ${obj.kind}`);
    model(obj);
  }
  return objects;
}

const MODELS: Record<string, (obj: object) => void> = {
  'v1/Namespace': (obj) => new Namespace(obj as never).validate(),
  'v1/Secret': (obj) => new Secret(obj as never).validate(),
  'v1/ServiceAccount': (obj) => new ServiceAccount(obj as never).validate(),
  'apps/v1/DaemonSet': (obj) => new DaemonSet(obj as never).validate(),
};

export const byKind = <T = Record<string, unknown>>(objects: K8sObject[], kind: string): T => {
  const found = objects.filter((o) => o.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0] as T;
};

/** Every key path in a value, e.g. `metadata.labels.app`, `spec.containers[0].name`: its shape without the values. */
export function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => [`${prefix}.${key}`, ...keyPaths(item, `${prefix}.${key}`)]);
  }
  return [];
}

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
export const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
