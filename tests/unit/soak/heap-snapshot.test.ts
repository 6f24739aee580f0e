import { describe, expect, it } from 'vitest';
import { HeapSnapshot } from '../../soak/heap-snapshot';

// The soak's heap-snapshot reader on a snapshot small enough to check by hand, in V8's own format: flat
// node and edge arrays described by the meta block.

const NODE_TYPES = ['hidden', 'array', 'string', 'object', 'code', 'closure', 'regexp', 'number', 'native', 'synthetic'];
const EDGE_TYPES = ['context', 'element', 'property', 'internal', 'hidden', 'shortcut', 'weak'];
const FIELDS = 5; // type, name, id, self_size, edge_count

function snapshot(): HeapSnapshot {
  const strings = ['(GC roots)', 'Window', 'KioskState', 'render', 'cache', 'history', 'system / InstructionStream', 'HTMLDivElement', 'kept'];
  // index: [type, name, id, size, edges]
  const nodes = [
    [9, 0, 1, 0, 2], // 0 root
    [3, 1, 3, 100, 2], // 1 Window
    [3, 2, 5, 400, 2], // 2 KioskState
    [5, 3, 7, 60, 1], // 3 closure render
    [4, 6, 9, 2000, 0], // 4 code
    [8, 7, 11, 300, 0], // 5 native div
    [3, 8, 13, 50, 0], // 6 object only weakly held
  ];
  // [type, name_or_index, to_node (node index × fields)]
  const edges = [
    [2, 1, 1 * FIELDS], // root -Window-> Window
    [6, 4, 6 * FIELDS], // root weak -> kept
    [2, 2, 2 * FIELDS], // Window.KioskState
    [2, 7, 5 * FIELDS], // Window.HTMLDivElement
    [2, 3, 3 * FIELDS], // KioskState.render
    [2, 5, 6 * FIELDS], // KioskState.history
    [3, 4, 4 * FIELDS], // render -internal:cache-> code
  ];
  return new HeapSnapshot(
    JSON.stringify({
      snapshot: { meta: { node_fields: ['type', 'name', 'id', 'self_size', 'edge_count'], node_types: [NODE_TYPES], edge_fields: ['type', 'name_or_index', 'to_node'], edge_types: [EDGE_TYPES] } },
      nodes: nodes.flat(),
      edges: edges.flat(),
      strings,
    }),
  );
}

describe('heap snapshot reader', () => {
  it('reads every object with its stable id, kind and size', () => {
    const heap = snapshot();
    expect(heap.count).toBe(7);
    expect(heap.object(2)).toEqual({ index: 2, id: 5, type: 'object', name: 'KioskState', selfSize: 400 });
    expect([...heap.ids()].sort((a, b) => a - b)).toEqual([1, 3, 5, 7, 9, 11, 13]);
  });

  it('tells the page\'s objects from compiled code and Blink\'s objects', () => {
    expect(snapshot().census()).toEqual({ jsObjectBytes: 100 + 400 + 60 + 50, compiledCodeBytes: 2000, nativeBytes: 300 });
  });

  it('finds the shortest path that keeps an object alive, not through weak edges', () => {
    const heap = snapshot();
    expect(heap.retainingPath(4)).toEqual([
      'code system / InstructionStream <-internal:cache-',
      'closure render <-property:render-',
      'object KioskState <-property:KioskState-',
      'object Window <-property:Window-',
    ]);
    // Held weakly by the root but strongly by KioskState.history: the strong path is the one shown.
    expect(heap.retainingPath(6)[0]).toBe('object kept <-property:history-');
  });
});
