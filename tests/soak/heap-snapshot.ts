import type { UnwatchedPage } from './unwatched-page';

// A V8 heap snapshot (.heapsnapshot JSON, as DevTools' HeapProfiler.takeHeapSnapshot writes it) read into
// flat arrays, with what the soak's leak hunt needs: each object's stable id (the same object keeps its id in
// every snapshot of one profiler session), its kind and name, the shortest path that keeps it alive, and a
// census that tells the page's own objects from V8's compiled code.

interface RawSnapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]]; edge_fields: string[]; edge_types: [string[], ...unknown[]] } };
  nodes: number[];
  edges: number[];
  strings: string[];
}

export interface HeapObject {
  index: number;
  id: number;
  type: string;
  name: string;
  selfSize: number;
}

/** The live heap by what it is, in bytes (self sizes). */
export interface HeapCensus {
  /** Everything the page's scripts made: objects, arrays, closures, strings, numbers, typed-array headers. */
  jsObjectBytes: number;
  /**
   * V8's own code and its bookkeeping (snapshot type "code": bytecode, baseline and optimised machine code,
   * feedback vectors, IC handlers): it grows as more of the app's functions get hot and are optimised, up to
   * what the app's code can give; it is not something the app keeps.
   */
  compiledCodeBytes: number;
  /** Blink's C++ objects in the snapshot (DOM, performance entries, styles): not in V8's heap figure. */
  nativeBytes: number;
}

/** Edges that do not keep their target alive. */
const NOT_RETAINING = new Set(['weak', 'shortcut']);

export class HeapSnapshot {
  readonly #raw: RawSnapshot;
  readonly #nodeFieldCount: number;
  readonly #edgeFieldCount: number;
  readonly #firstEdge: Uint32Array;
  readonly #offsets: { type: number; name: number; id: number; selfSize: number; edgeCount: number; edgeType: number; edgeName: number; edgeTo: number };
  #distances: Int32Array | null = null;
  #retainers: { from: Uint32Array; edge: Uint32Array; start: Uint32Array } | null = null;

  constructor(json: string) {
    this.#raw = JSON.parse(json) as RawSnapshot;
    const meta = this.#raw.snapshot.meta;
    this.#nodeFieldCount = meta.node_fields.length;
    this.#edgeFieldCount = meta.edge_fields.length;
    this.#offsets = {
      type: meta.node_fields.indexOf('type'),
      name: meta.node_fields.indexOf('name'),
      id: meta.node_fields.indexOf('id'),
      selfSize: meta.node_fields.indexOf('self_size'),
      edgeCount: meta.node_fields.indexOf('edge_count'),
      edgeType: meta.edge_fields.indexOf('type'),
      edgeName: meta.edge_fields.indexOf('name_or_index'),
      edgeTo: meta.edge_fields.indexOf('to_node'),
    };
    this.#firstEdge = new Uint32Array(this.count + 1);
    for (let node = 0, edge = 0; node < this.count; node++) {
      this.#firstEdge[node] = edge;
      edge += this.#raw.nodes[node * this.#nodeFieldCount + this.#offsets.edgeCount] ?? 0;
    }
    this.#firstEdge[this.count] = this.#raw.edges.length / this.#edgeFieldCount;
  }

  get count(): number {
    return this.#raw.nodes.length / this.#nodeFieldCount;
  }

  object(index: number): HeapObject {
    const base = index * this.#nodeFieldCount;
    const field = (offset: number): number => this.#raw.nodes[base + offset] ?? 0;
    return {
      index,
      id: field(this.#offsets.id),
      type: this.#raw.snapshot.meta.node_types[0][field(this.#offsets.type)] ?? '?',
      name: this.#raw.strings[field(this.#offsets.name)] ?? '?',
      selfSize: field(this.#offsets.selfSize),
    };
  }

  *objects(): Generator<HeapObject> {
    for (let index = 0; index < this.count; index++) yield this.object(index);
  }

  census(): HeapCensus {
    const census: HeapCensus = { jsObjectBytes: 0, compiledCodeBytes: 0, nativeBytes: 0 };
    for (const object of this.objects()) {
      switch (object.type) {
        case 'code':
          census.compiledCodeBytes += object.selfSize;
          break;
        case 'native':
          census.nativeBytes += object.selfSize;
          break;
        case 'synthetic':
        case 'hidden':
          break;
        default:
          census.jsObjectBytes += object.selfSize;
      }
    }
    return census;
  }

  ids(): Set<number> {
    const ids = new Set<number>();
    for (let index = 0; index < this.count; index++) ids.add(this.#raw.nodes[index * this.#nodeFieldCount + this.#offsets.id] ?? 0);
    return ids;
  }

  #edge(edge: number): { type: string; name: string; to: number } {
    const base = edge * this.#edgeFieldCount;
    const type = this.#raw.snapshot.meta.edge_types[0][this.#raw.edges[base + this.#offsets.edgeType] ?? 0] ?? '?';
    const nameOrIndex = this.#raw.edges[base + this.#offsets.edgeName] ?? 0;
    const name = type === 'element' || type === 'hidden' ? `[${nameOrIndex}]` : (this.#raw.strings[nameOrIndex] ?? '?');
    return { type, name, to: (this.#raw.edges[base + this.#offsets.edgeTo] ?? 0) / this.#nodeFieldCount };
  }

  /** Breadth-first distance from the root over retaining edges (-1: unreachable). */
  #distance(): Int32Array {
    if (this.#distances) return this.#distances;
    const distances = new Int32Array(this.count).fill(-1);
    distances[0] = 0;
    const queue = new Uint32Array(this.count);
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    while (head < tail) {
      const node = queue[head++] ?? 0;
      for (let edge = this.#firstEdge[node] ?? 0; edge < (this.#firstEdge[node + 1] ?? 0); edge++) {
        const { type, to } = this.#edge(edge);
        if (NOT_RETAINING.has(type) || distances[to] !== -1) continue;
        distances[to] = (distances[node] ?? 0) + 1;
        queue[tail++] = to;
      }
    }
    this.#distances = distances;
    return distances;
  }

  #retainerIndex(): { from: Uint32Array; edge: Uint32Array; start: Uint32Array } {
    if (this.#retainers) return this.#retainers;
    const edgeCount = this.#raw.edges.length / this.#edgeFieldCount;
    const start = new Uint32Array(this.count + 1);
    for (let edge = 0; edge < edgeCount; edge++) start[this.#edge(edge).to + 1]! += 1;
    for (let node = 0; node < this.count; node++) start[node + 1]! += start[node] ?? 0;
    const fill = start.slice();
    const from = new Uint32Array(edgeCount);
    const edges = new Uint32Array(edgeCount);
    for (let node = 0; node < this.count; node++) {
      for (let edge = this.#firstEdge[node] ?? 0; edge < (this.#firstEdge[node + 1] ?? 0); edge++) {
        const slot = fill[this.#edge(edge).to]!++;
        edges[slot] = edge;
        from[slot] = node;
      }
    }
    this.#retainers = { from, edge: edges, start };
    return this.#retainers;
  }

  /** The shortest retaining path from the root to `index`, as "Type name --edge--> …" steps. */
  retainingPath(index: number, maxSteps = 14): string[] {
    const distances = this.#distance();
    const { from, edge, start } = this.#retainerIndex();
    const steps: string[] = [];
    let node = index;
    for (let step = 0; step < maxSteps && node !== 0; step++) {
      let best = -1;
      let bestEdge = -1;
      for (let slot = start[node] ?? 0; slot < (start[node + 1] ?? 0); slot++) {
        const retainer = from[slot] ?? 0;
        const described = this.#edge(edge[slot] ?? 0);
        if (NOT_RETAINING.has(described.type)) continue;
        const distance = distances[retainer] ?? -1;
        if (distance < 0 || distance >= (distances[node] ?? 0)) continue;
        if (best === -1 || distance < (distances[best] ?? 0)) {
          best = retainer;
          bestEdge = edge[slot] ?? 0;
        }
      }
      const here = this.object(node);
      if (best === -1) {
        steps.push(`${here.type} ${here.name.slice(0, 60)} (no retainer found)`);
        break;
      }
      const via = this.#edge(bestEdge);
      steps.push(`${here.type} ${here.name.slice(0, 60)} <-${via.type}:${via.name.slice(0, 40)}-`);
      node = best;
    }
    return steps;
  }
}

/**
 * A snapshot of the page's heap over its raw DevTools session. The heap profiler is on only for the
 * snapshot: switched off again, it forgets the ids it gave, so nothing of it stays in the memory the soak
 * measures.
 */
export async function takeHeapSnapshot(page: UnwatchedPage, keepProfilerOn = false): Promise<HeapSnapshot> {
  const chunks: string[] = [];
  const off = page.onEvent((method, params) => {
    if (method === 'HeapProfiler.addHeapSnapshotChunk') chunks.push((params as { chunk: string }).chunk);
  });
  try {
    await page.send('HeapProfiler.enable');
    await page.send('HeapProfiler.collectGarbage');
    await page.send('HeapProfiler.takeHeapSnapshot', { reportProgress: false });
  } finally {
    off();
    if (!keepProfilerOn) await page.send('HeapProfiler.disable');
  }
  return new HeapSnapshot(chunks.join(''));
}
