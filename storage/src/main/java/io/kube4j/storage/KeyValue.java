package io.kube4j.storage;

/**
 * One version of one key.
 *
 * @param key the full key
 * @param value the stored bytes (JSON for API objects); for a delete, the last value the key had
 * @param createRevision the revision that created this incarnation of the key
 * @param modRevision the revision of the write that produced this version
 */
public record KeyValue(String key, byte[] value, long createRevision, long modRevision) {}
