package io.kube4j.storage;

import java.util.List;

/**
 * A page of a list.
 *
 * @param items live entries in key order
 * @param revision the revision the list was read at (callers continue at the same revision)
 * @param more whether entries after the last one exist at that revision
 * @param remaining how many entries exist after this page at that revision (an estimate is allowed; the SQLite and in-memory backends count exactly)
 */
public record ListPage(List<KeyValue> items, long revision, boolean more, long remaining) {}
