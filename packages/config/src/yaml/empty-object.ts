import { Document, LineCounter, YAMLMap } from 'yaml';
import { YamlObject } from './yaml-object.js';

/**
 * An empty mapping at `path`: Alertmanager reads a few null list entries (slack, opsgenie,
 * wechat, rocketchat) as an empty config, so the same reader can run on them.
 */
export function emptyObject(path: string): YamlObject {
  return new YamlObject(new YAMLMap(), path, { doc: new Document(), lines: new LineCounter() });
}
